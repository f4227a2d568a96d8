/**
 * The graded tests of kata 09 live in katas/09-webrtc-signaling/src/test/java and are unpacked here at build time.
 * This folder exists so that PIT treats the module as one with tests; tests of the reference's own internals go here.
 */
package dev.backendkatas.webrtcsignaling;
