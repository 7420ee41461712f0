package org.mammoflow.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/** New DICOM UIDs under the 2.25 root: a random UUID as one decimal number (PS3.5 B.2), unique without a registry. */
final class Uids {

    private Uids() {
    }

    static String create() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }
}
