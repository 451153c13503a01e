#!/usr/bin/env python3
"""The plain prober a practitioner would write, as ocspwatch's benchmark baseline.

For each certificate, by GET and by POST: build the OCSP request with pyca/cryptography, send it
over one kept-alive http.client connection, parse the answer, and check what matters (status
successful, the certificate's serial, status good, the signature by the issuer or by a delegated
responder the issuer signed). Sequential, one connection: what a short script does.

usage: ocsp_baseline.py LEAVES.pem ISSUER.pem HOST_HEADER CONNECT_IP PORT
prints one JSON object: probes, good, seconds, latencies_ms (per probe, request built to verdict)
"""
import base64
import http.client
import json
import sys
import time
import urllib.parse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding
from cryptography.x509 import ocsp


def verify(key, signature, data, hash_algorithm):
    if isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(signature, data, ec.ECDSA(hash_algorithm))
    else:
        key.verify(signature, data, padding.PKCS1v15(), hash_algorithm)


def judge(body, leaf, issuer):
    response = ocsp.load_der_ocsp_response(body)
    if response.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL:
        return False
    if response.serial_number != leaf.serial_number or response.certificate_status != ocsp.OCSPCertStatus.GOOD:
        return False
    key = issuer.public_key()
    if response.certificates:  # a delegated responder: the issuer must have signed it
        delegate = response.certificates[0]
        verify(key, delegate.signature, delegate.tbs_certificate_bytes, delegate.signature_hash_algorithm)
        key = delegate.public_key()
    verify(key, response.signature, response.tbs_response_bytes, response.signature_hash_algorithm)
    return True


def main():
    leaves_file, issuer_file, host, ip, port = sys.argv[1:6]
    with open(leaves_file, "rb") as f:
        leaves = x509.load_pem_x509_certificates(f.read())
    with open(issuer_file, "rb") as f:
        issuer = x509.load_pem_x509_certificate(f.read())
    connection = http.client.HTTPConnection(ip, int(port), timeout=10)
    latencies, good = [], 0
    start = time.perf_counter()
    for leaf in leaves:
        for method in ("GET", "POST"):
            t0 = time.perf_counter()
            request = ocsp.OCSPRequestBuilder().add_certificate(leaf, issuer, hashes.SHA1()).build()
            der = request.public_bytes(serialization.Encoding.DER)
            if method == "GET":
                path = "/" + urllib.parse.quote(base64.b64encode(der).decode("ascii"), safe="")
                connection.request("GET", path, headers={"Host": host})
            else:
                connection.request("POST", "/", body=der, headers={"Host": host, "Content-Type": "application/ocsp-request"})
            answer = connection.getresponse()
            body = answer.read()
            try:
                good += 1 if answer.status == 200 and judge(body, leaf, issuer) else 0
            except Exception:
                pass
            latencies.append((time.perf_counter() - t0) * 1000)
    seconds = time.perf_counter() - start
    print(json.dumps({"probes": len(latencies), "good": good, "seconds": seconds, "latencies_ms": latencies}))


if __name__ == "__main__":
    main()
