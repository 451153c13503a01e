package dev.ocspwatch.lab.ct;

import dev.ocspwatch.common.x509.CertificateInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The TBSCertificate a log puts in a PreCert entry (RFC 6962 3.2): the precertificate's
 * TBSCertificate with the CT poison extension removed. (The issuer stays: the lab's CAs sign
 * precertificates themselves, without a precertificate signing certificate.)
 */
final class PrecertificateTbs {
    private PrecertificateTbs() {
    }

    static byte[] withoutPoison(X509CertificateHolder precertificate) {
        ASN1Sequence tbs = ASN1Sequence.getInstance(precertificate.toASN1Structure().getTBSCertificate().toASN1Primitive());
        ASN1EncodableVector rebuilt = new ASN1EncodableVector();
        for (ASN1Encodable element : tbs) {
            if (element instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 3) {
                ASN1EncodableVector kept = new ASN1EncodableVector();
                for (ASN1Encodable extension : ASN1Sequence.getInstance(tagged.getExplicitBaseObject())) {
                    if (!Extension.getInstance(extension).getExtnId().equals(CertificateInfo.CT_POISON)) {
                        kept.add(extension);
                    }
                }
                if (kept.size() > 0) { // Extensions is SIZE (1..MAX): with nothing left, the field goes
                    rebuilt.add(new DERTaggedObject(true, 3, new DERSequence(kept)));
                }
            } else {
                rebuilt.add(element);
            }
        }
        try {
            return new DERSequence(rebuilt).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
