package dev.backendkatas.grader; public final class Main { public static void main(String[] a) {} }
