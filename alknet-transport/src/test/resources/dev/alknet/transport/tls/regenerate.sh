#!/usr/bin/env bash
# Regenerates the TLS test fixtures with openssl. Run from anywhere; the files land next to this script.
# Everything is valid for 100 years except expired.cert.pem, which ended in 2001: the tests must not start
# failing because a fixture ran out.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
days=36500

# Two unrelated CAs: ca signs everything the tests trust, other-ca is "the wrong CA".
for name in ca other-ca; do
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days "$days" \
    -subj "/CN=alknet test $name" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" -keyout "$work/$name.key" -out "$name.cert.pem" 2>/dev/null
done

sign() { # sign <csr> <out> <san>
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$3" > "$work/ext"
  openssl x509 -req -in "$1" -CA ca.cert.pem -CAkey "$work/ca.key" -CAcreateserial -CAserial "$work/serial" \
    -days "$days" -extfile "$work/ext" -out "$2" 2>/dev/null
}

# server: RSA, for localhost and 127.0.0.1; key as PKCS#8 and as PKCS#1 ("BEGIN RSA PRIVATE KEY").
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out server.key.pem 2>/dev/null
openssl rsa -in server.key.pem -traditional -out server-pkcs1.key.pem 2>/dev/null
openssl req -new -key server.key.pem -subj "/CN=localhost" -out "$work/server.csr"
sign "$work/server.csr" server.cert.pem "DNS:localhost,IP:127.0.0.1"

# server-ec: P-256, key in SEC1 form ("BEGIN EC PRIVATE KEY").
openssl ecparam -name prime256v1 -genkey -noout -out server-ec.key.pem
openssl req -new -key server-ec.key.pem -subj "/CN=localhost" -out "$work/server-ec.csr"
sign "$work/server-ec.csr" server-ec.cert.pem "DNS:localhost,IP:127.0.0.1"

# other-name: valid chain, but only for tunnel.example, to test hostname verification and SNI.
openssl req -new -key server.key.pem -subj "/CN=tunnel.example" -out "$work/other-name.csr"
sign "$work/other-name.csr" other-name.cert.pem "DNS:tunnel.example"

# mismatched.key.pem: a key that belongs to none of the certificates.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out mismatched.key.pem 2>/dev/null

# expired: for server.key.pem, valid 2000-2001; `openssl x509` cannot backdate, `openssl ca` can.
mkdir "$work/db" && touch "$work/db/index" && echo 01 > "$work/db/serial"
cat > "$work/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
database = $work/db/index
serial = $work/db/serial
new_certs_dir = $work/db
default_md = sha256
policy = any
copy_extensions = none
[any]
commonName = supplied
[ext]
subjectAltName = DNS:localhost,IP:127.0.0.1
CNF
openssl ca -batch -config "$work/ca.cnf" -cert ca.cert.pem -keyfile "$work/ca.key" -in "$work/server.csr" \
  -startdate 20000101000000Z -enddate 20010101000000Z -extensions ext -notext -out expired.cert.pem 2>/dev/null
