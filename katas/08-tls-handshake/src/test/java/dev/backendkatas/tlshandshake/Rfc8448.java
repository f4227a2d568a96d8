package dev.backendkatas.tlshandshake;

/**
 * The "Simple 1-RTT Handshake" of RFC 8448 §3 (TLS_AES_128_GCM_SHA256, x25519, no PSK), as hex: the fixtures of the
 * graded tests. The values are the RFC's; {@code ../shared/reference/tls13-rfc8448.md} has them with their provenance.
 */
final class Rfc8448 {

    /** RFC 8448 §3: the client's x25519 private key (32 bytes). */
    static final String CLIENT_PRIVATE = "49af42ba7f7994852d713ef2784bcbcaa7911de26adc5642cb634540e7ea5005";

    /** RFC 8448 §3: the client's x25519 public key (its key share) (32 bytes). */
    static final String CLIENT_PUBLIC = "99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c";

    /** RFC 8448 §3: the server's x25519 private key (32 bytes). */
    static final String SERVER_PRIVATE = "b1580eeadf6dd589b8ef4f2d5652578cc810e9980191ec8d058308cea216a21e";

    /** RFC 8448 §3: the server's x25519 public key (its key share) (32 bytes). */
    static final String SERVER_PUBLIC = "c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f";

    /** RFC 8448 §3: the X25519 shared secret, IKM of the handshake secret (32 bytes). */
    static final String ECDHE = "8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d";

    /** RFC 8448 §3: the ClientHello handshake message (196 bytes) (196 bytes). */
    static final String CLIENT_HELLO =
            "010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece700000613011303130201"
            + "0000910000000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103010400"
            + "230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c002b00"
            + "03020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00020101001c"
            + "00024001";

    /** RFC 8448 §3: the ClientHello record, legacy_record_version 0x0301 (201 bytes). */
    static final String CLIENT_HELLO_RECORD =
            "16030100c4010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece70000061301"
            + "13031302010000910000000b0009000006736572766572ff01000100000a00140012001d001700180019010001010102"
            + "0103010400230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529a"
            + "af2c002b0003020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00"
            + "020101001c00024001";

    /** RFC 8448 §3: the ServerHello handshake message (90 bytes) (90 bytes). */
    static final String SERVER_HELLO =
            "020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e00330024"
            + "001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304";

    /** RFC 8448 §3: the ServerHello record (95 bytes). */
    static final String SERVER_HELLO_RECORD =
            "160303005a020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e269280013010000"
            + "2e00330024001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304";

    /** RFC 8448 §3: early secret = HKDF-Extract(0, 0) (32 bytes). */
    static final String EARLY_SECRET = "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a";

    /** RFC 8448 §3: SHA-256 of the empty string (32 bytes). */
    static final String EMPTY_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /** RFC 8448 §3: HkdfLabel for "derived" with the empty hash (49 bytes). */
    static final String DERIVED_INFO =
            "00200d746c733133206465726976656420e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8"
            + "55";

    /** RFC 8448 §3: Derive-Secret(early secret, "derived", "") (32 bytes). */
    static final String DERIVED_FOR_HANDSHAKE = "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba";

    /** RFC 8448 §3: handshake secret (32 bytes). */
    static final String HANDSHAKE_SECRET = "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac";

    /** RFC 8448 §3: Transcript-Hash(ClientHello, ServerHello) (32 bytes). */
    static final String HELLO_HASH = "860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8";

    /** RFC 8448 §3: HkdfLabel for "c hs traffic" (54 bytes). */
    static final String C_HS_TRAFFIC_INFO =
            "002012746c7331332063206873207472616666696320860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed"
            + "063cf0e1cad8";

    /** RFC 8448 §3: client_handshake_traffic_secret (32 bytes). */
    static final String C_HS_TRAFFIC = "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21";

    /** RFC 8448 §3: server_handshake_traffic_secret (32 bytes). */
    static final String S_HS_TRAFFIC = "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38";

    /** RFC 8448 §3: Derive-Secret(handshake secret, "derived", "") (32 bytes). */
    static final String DERIVED_FOR_MASTER = "43de77e0c77713859a944db9db2590b53190a65b3ee2e4f12dd7a0bb7ce254b4";

    /** RFC 8448 §3: master secret (32 bytes). */
    static final String MASTER_SECRET = "18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919";

    /** RFC 8448 §3: HkdfLabel for "key", length 16 (13 bytes). */
    static final String KEY_INFO = "001009746c733133206b657900";

    /** RFC 8448 §3: HkdfLabel for "iv", length 12 (12 bytes). */
    static final String IV_INFO = "000c08746c73313320697600";

    /** RFC 8448 §3: server handshake write key (16 bytes). */
    static final String S_HS_KEY = "3fce516009c21727d0f2e4e86ee403bc";

    /** RFC 8448 §3: server handshake write IV (12 bytes). */
    static final String S_HS_IV = "5d313eb2671276ee13000b30";

    /** RFC 8448 §3: client handshake write key (16 bytes). */
    static final String C_HS_KEY = "dbfaa693d1762c5b666af5d950258d01";

    /** RFC 8448 §3: client handshake write IV (12 bytes). */
    static final String C_HS_IV = "5bd3c71b836e0b76bb73265f";

    /** RFC 8448 §3: EncryptedExtensions (40 bytes). */
    static final String ENCRYPTED_EXTENSIONS = "080000240022000a00140012001d00170018001901000101010201030104001c0002400100000000";

    /** RFC 8448 §3: Certificate (445 bytes). */
    static final String CERTIFICATE =
            "0b0001b9000001b50001b0308201ac30820115a003020102020102300d06092a864886f70d01010b0500300e310c300a"
            + "06035504031303727361301e170d3136303733303031323335395a170d3236303733303031323335395a300e310c300a"
            + "0603550403130372736130819f300d06092a864886f70d010101050003818d0030818902818100b4bb498f8279303d98"
            + "0836399b36c6988c0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19eaa6af98c7ced4312"
            + "0998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5fda430846748030530ef0461c8ca9d9efbfae8ea6d1d0"
            + "3e2bd193eff0ab9a8002c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603551d1304023000300b060355"
            + "1d0f0404030205a0300d06092a864886f70d01010b05000381810085aad2a0e5b9276b908c65f73a7267170618a54c5f"
            + "8a7b337d2df7a594365417f2eae8f8a58c8f8172f9319cf36b7fd6c55b80f21a03015156726096fd335e5e67f2dbf102"
            + "702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb2bd5203b1c3b84e0a8b2f759409ba3eac9d91d402dcc0cc8"
            + "f8961229ac9187b42b4de10000";

    /** RFC 8448 §3: CertificateVerify (136 bytes). */
    static final String CERTIFICATE_VERIFY =
            "0f000084080400805a747c5d88fa9bd2e55ab085a61015b7211f824cd484145ab3ff52f1fda8477b0b7abc90db78e2d3"
            + "3a5c141a078653fa6bef780c5ea248eeaaa785c4f394cab6d30bbe8d4859ee511f602957b15411ac027671459e46445c"
            + "9ea58c181e818e95b8c3fb0bf3278409d3be152a3da5043e063dda65cdf5aea20d53dfacd42f74f3";

    /** RFC 8448 §3: HkdfLabel for "finished" (18 bytes). */
    static final String FINISHED_INFO = "00200e746c7331332066696e697368656400";

    /** RFC 8448 §3: server finished_key (32 bytes). */
    static final String S_FINISHED_KEY = "008d3b66f816ea559f96b537e885c31fc068bf492c652f01f288a1d8cdc19fc8";

    /** RFC 8448 §3: server Finished verify_data (32 bytes). */
    static final String S_VERIFY_DATA = "9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718";

    /** RFC 8448 §3: server Finished (36 bytes). */
    static final String SERVER_FINISHED = "140000209b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718";

    /**
     * RFC 8448 §3: the encrypted record holding EncryptedExtensions, Certificate, CertificateVerify and Finished
     * (server handshake key, sequence 0) (679 bytes).
     */
    static final String SERVER_FLIGHT_RECORD =
            "17030302a2d1ff334a56f5bff6594a07cc87b580233f500f45e489e7f33af35edf7869fcf40aa40aa2b8ea73f848a7ca"
            + "07612ef9f945cb960b4068905123ea78b111b429ba9191cd05d2a389280f526134aadc7fc78c4b729df828b5ecf7b13b"
            + "d9aefb0e57f271585b8ea9bb355c7c79020716cfb9b1183ef3ab20e37d57a6b9d7477609aee6e122a4cf51427325250c"
            + "7d0e509289444c9b3a648f1d71035d2ed65b0e3cdd0cbae8bf2d0b227812cbb360987255cc744110c453baa4fcd61092"
            + "8d809810e4b7ed1a8fd991f06aa6248204797e36a6a73b70a2559c09ead686945ba246ab66e5edd8044b4c6de3fcf2a8"
            + "9441ac66272fd8fb330ef8190579b3684596c960bd596eea520a56a8d650f563aad27409960dca63d3e688611ea5e22f"
            + "4415cf9538d51a200c27034272968a264ed6540c84838d89f72c24461aad6d26f59ecaba9acbbb317b66d902f4f292a3"
            + "6ac1b639c637ce343117b659622245317b49eeda0c6258f100d7d961ffb138647e92ea330faeea6dfa31c7a84dc3bd7e"
            + "1b7a6c7178af36879018e3f252107f243d243dc7339d5684c8b0378bf30244da8c87c843f5e56eb4c5e8280a2b48052c"
            + "f93b16499a66db7cca71e4599426f7d461e66f99882bd89fc50800becca62d6c74116dbd2972fda1fa80f85df881edbe"
            + "5a37668936b335583b599186dc5c6918a396fa48a181d6b6fa4f9d62d513afbb992f2b992f67f8afe67f76913fa388cb"
            + "5630c8ca01e0c65d11c66a1e2ac4c85977b7c7a6999bbf10dc35ae69f5515614636c0b9b68c19ed2e31c0b3b66763038"
            + "ebba42f3b38edc0399f3a9f23faa63978c317fc9fa66a73f60f0504de93b5b845e275592c12335ee340bbc4fddd50278"
            + "4016e4b3be7ef04dda49f4b440a30cb5d2af939828fd4ae3794e44f94df5a631ede42c1719bfdabf0253fe5175be898e"
            + "750edc53370d2b";

    /** RFC 8448 §3: Transcript-Hash(ClientHello..server Finished) (32 bytes). */
    static final String SERVER_FINISHED_HASH = "9608102a0f1ccc6db6250b7b7e417b1a000eaada3daae4777a7686c9ff83df13";

    /** RFC 8448 §3: client_application_traffic_secret_0 (32 bytes). */
    static final String C_AP_TRAFFIC = "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5";

    /** RFC 8448 §3: server_application_traffic_secret_0 (32 bytes). */
    static final String S_AP_TRAFFIC = "a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643";

    /** RFC 8448 §3: exporter_master_secret (32 bytes). */
    static final String EXPORTER_MASTER = "fe22f881176eda18eb8f44529e6792c50c9a3f89452f68d8ae311b4309d3cf50";

    /** RFC 8448 §3: server application write key (16 bytes). */
    static final String S_AP_KEY = "9f02283b6c9c07efc26bb9f2ac92e356";

    /** RFC 8448 §3: server application write IV (12 bytes). */
    static final String S_AP_IV = "cf782b88dd83549aadf1e984";

    /** RFC 8448 §3: client application write key (16 bytes). */
    static final String C_AP_KEY = "17422dda596ed5d9acd890e3c63f5051";

    /** RFC 8448 §3: client application write IV (12 bytes). */
    static final String C_AP_IV = "5b78923dee08579033e523d9";

    /** RFC 8448 §3: client finished_key (32 bytes). */
    static final String C_FINISHED_KEY = "b80ad01015fb2f0bd65ff7d4da5d6bf83f84821d1f87fdc7d3c75b5a7b42d9c4";

    /** RFC 8448 §3: client Finished verify_data (32 bytes). */
    static final String C_VERIFY_DATA = "a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61";

    /** RFC 8448 §3: client Finished (36 bytes). */
    static final String CLIENT_FINISHED = "14000020a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61";

    /** RFC 8448 §3: the client Finished record (client handshake key, sequence 0) (58 bytes). */
    static final String CLIENT_FINISHED_RECORD =
            "170303003575ec4dc238cce60b298044a71e219c56cc77b0517fe9b93c7a4bfc44d87f38f80338ac98fc46deb384bd1c"
            + "aeacab6867d726c40546";

    /** RFC 8448 §3: Transcript-Hash(ClientHello..client Finished) (32 bytes). */
    static final String CLIENT_FINISHED_HASH = "209145a96ee8e2a122ff810047cc952684658d6049e86429426db87c54ad143d";

    /** RFC 8448 §3: the server NewSessionTicket record (server application key, sequence 0) (227 bytes). */
    static final String NEW_SESSION_TICKET_RECORD =
            "17030300de3a6b8f90414a97d6959c3487680de5134a2b240e6cffac116e95d41d6af8f6b580dcf3d11d63c758db289a"
            + "015940252f55713e061dc13e078891a38efbcf5753ad8ef170ad3c7353d16d9da773b9ca7f2b9fa1b6c0d4a3d03f75e0"
            + "9c30ba1e62972ac46f75f7b981be63439b2999ce13064615139891d5e4c5b406f16e3fc181a77ca475840025db2f0a77"
            + "f81b5ab05b94c01346755f69232c86519d86cbeeac87aac347d143f9605d64f650db4d023e70e952ca49fe5137121c74"
            + "bc2697687e248746d6df353005f3bce18696129c8153556b3b6c6779b37bf15985684f";

    /** RFC 8448 §3: the 50 bytes of application data each side sends (50 bytes). */
    static final String APPLICATION_DATA =
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f"
            + "3031";

    /** RFC 8448 §3: the client application data record (client application key, sequence 0) (72 bytes). */
    static final String CLIENT_APPLICATION_DATA_RECORD =
            "1703030043a23f7054b62c94d0affafe8228ba55cbefacea42f914aa66bcab3f2b9819a8a5b46b395bd54a9a20441e2b"
            + "62974e1f5a6292a2977014bd1e3deae63aeebb21694915e4";

    /** RFC 8448 §3: the server application data record (server application key, sequence 1) (72 bytes). */
    static final String SERVER_APPLICATION_DATA_RECORD =
            "17030300432e937e11ef4ac740e538ad36005fc4a46932fc3225d05f82aa1b36e30efaf97d90e6dffc602dcb501a59a8"
            + "fcc49c4bf2e5f0a21c0047c2abf332540dd032e167c2955d";

    /** RFC 8448 §3: the client close_notify alert (client application key, sequence 1) (24 bytes). */
    static final String CLIENT_CLOSE_NOTIFY_RECORD = "1703030013c9872760655666b74d7ff1153efd6db6d0b0e3";

    /** RFC 8448 §3: the server close_notify alert (server application key, sequence 2) (24 bytes). */
    static final String SERVER_CLOSE_NOTIFY_RECORD = "1703030013b58fd67166ebf599d24720cfbe7efa7a8864a9";

    private Rfc8448() {
    }
}
