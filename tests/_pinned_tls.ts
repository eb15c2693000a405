/**
 * A certificate authority and a server certificate for `pinned.test` and
 * `localhost` (valid 2000 to 2126), made with openssl for the download tests
 * alone: the tests give the authority to the download as an extra trust root;
 * nothing else trusts it, and the key serves only a loopback test server.
 */

/** The authority's certificate (PEM). */
export const CA_CERT = `-----BEGIN CERTIFICATE-----
MIIBaDCCAQ6gAwIBAgICEAAwCgYIKoZIzj0EAwIwGjEYMBYGA1UEAwwPSHlkcmF0
ZSB0ZXN0IENBMCAXDTAwMDEwMTAwMDAwMFoYDzIxMjYwMTAxMDAwMDAwWjAaMRgw
FgYDVQQDDA9IeWRyYXRlIHRlc3QgQ0EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNC
AARW/c/UjKImstZkca0/Uf422kyxu2Bf2RxaZJeruCQekwHNVPTBnnSsaS7HUPHB
ny1FN8tFI3zCGlnK0Avm0MRUo0IwQDAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB
/wQEAwICBDAdBgNVHQ4EFgQU6spILhQF1XTBsU+9XhP8d+GT6MkwCgYIKoZIzj0E
AwIDSAAwRQIgERjyrXO+9Wyit25RaRxhe2RjXfKu5QD1UaUzxNv9BrECIQCXMWXD
sKv6+fg59cEhG9LRew55AEefdT5M6ksJoPQWrQ==
-----END CERTIFICATE-----
`;

/** The server's certificate, for `pinned.test` and `localhost` (PEM). */
export const SERVER_CERT = `-----BEGIN CERTIFICATE-----
MIIBuTCCAV+gAwIBAgICEAEwCgYIKoZIzj0EAwIwGjEYMBYGA1UEAwwPSHlkcmF0
ZSB0ZXN0IENBMCAXDTAwMDEwMTAwMDAwMFoYDzIxMjYwMTAxMDAwMDAwWjAWMRQw
EgYDVQQDDAtwaW5uZWQudGVzdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABO/C
NXA9d0kSv0d0UN3j+d5SCmalNNJwI8isNakRZ/vjW5+cOuY/0eLRNdrAv7KCfDcy
Qqb7VzgpmlknilL9EU2jgZYwgZMwCQYDVR0TBAIwADAOBgNVHQ8BAf8EBAMCB4Aw
EwYDVR0lBAwwCgYIKwYBBQUHAwEwIQYDVR0RBBowGIILcGlubmVkLnRlc3SCCWxv
Y2FsaG9zdDAfBgNVHSMEGDAWgBTqykguFAXVdMGxT71eE/x34ZPoyTAdBgNVHQ4E
FgQUflfjwWB6JC/DZEiIa8GSPJ9hAOswCgYIKoZIzj0EAwIDSAAwRQIhAMmCtohu
A2JErF5Dd3RHxLYUsZ0gwzTMjfImZEYhW59EAiB5d3UUtsfvkpHxEQqdfk087DyW
R2QIJvVROf/auNr0KQ==
-----END CERTIFICATE-----
`;

/** The server's private key (PEM; a test's loopback server only). */
export const SERVER_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgVGX0bKmRdjIt2KQK
Kv6MxW3tHO6m+i/Kaj8EJma5Xh2hRANCAATvwjVwPXdJEr9HdFDd4/neUgpmpTTS
cCPIrDWpEWf741ufnDrmP9Hi0TXawL+ygnw3MkKm+1c4KZpZJ4pS/RFN
-----END PRIVATE KEY-----
`;
