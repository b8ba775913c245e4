#!/usr/bin/env bash
# Regenerates the key and certificate fixtures with OpenSSH's ssh-keygen (and openssl for one PEM form).
# The tests hold the fingerprints and validity windows of these files, so update them after regenerating.
set -euo pipefail
cd "$(dirname "$0")"
rm -f -- *.pub *.key *.pem

key() { ssh-keygen -q -N '' -C "$1" -t "${@:2}" -f "$1.key"; mv "$1.key.pub" "$1.pub"; }
key user ed25519
key ca ed25519
key other-ca ed25519
key ca-rsa rsa -b 3072
key ecdsa256 ecdsa -b 256
key ecdsa384 ecdsa -b 384
key ecdsa521 ecdsa -b 521
key rsa3072 rsa -b 3072
key rsa2048 rsa -b 2048
key dsa dsa
ssh-keygen -q -N 'secret' -C encrypted -t ed25519 -f encrypted.key && rm encrypted.key.pub
rm -f rsa2048.key dsa.key ecdsa384.key ecdsa521.key other-ca.pub

# PEM private keys, which alknet refuses with advice.
ssh-keygen -q -N '' -t rsa -b 3072 -m PEM -f pkcs1-rsa.pem && rm pkcs1-rsa.pem.pub
ssh-keygen -q -N '' -t ecdsa -m PEM -f ec.pem && rm ec.pem.pub
ssh-keygen -q -N '' -t rsa -b 3072 -m PKCS8 -f pkcs8.pem && rm pkcs8.pem.pub
openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:secret -in pkcs8.pem -out pkcs8-encrypted.pem

# User certificates for user.pub. The tests run with a clock fixed inside 2026.
cert() { local name=$1 signer=$2; shift 2
  cp user.pub tmp.pub; ssh-keygen -q -s "$signer" -I "$name" "$@" tmp.pub; mv tmp-cert.pub "cert-$name.pub"; rm tmp.pub; }
window=(-V 20260101000000Z:20270101000000Z)
cert valid ca.key -n alice,bob "${window[@]}"
cert rsa-ca ca-rsa.key -n alice "${window[@]}"
cert expired ca.key -n alice -V 20200101000000Z:20200201000000Z
cert future ca.key -n alice -V 21000101000000Z:21000201000000Z
cert forever ca.key -n alice -V always:forever
cert no-principals ca.key "${window[@]}"
cert source-address ca.key -n alice "${window[@]}" -O source-address=10.0.0.0/8,192.0.2.7
cert force-command ca.key -n alice "${window[@]}" -O force-command=/bin/true
cert no-forwarding ca.key -n alice "${window[@]}" -O no-port-forwarding
cert unknown-critical ca.key -n alice "${window[@]}" -O critical:made-up@example.com=x
cert verify-required ca.key -n alice "${window[@]}" -O verify-required
cert host ca.key -h -n alice "${window[@]}"
cert other-ca other-ca.key -n alice "${window[@]}"
rm -f other-ca.key
