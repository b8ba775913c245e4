package dev.alknet.auth.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * An IPv4 or IPv6 address block, {@code addr/bits} or a single address. Parsing never consults DNS: only numeric
 * addresses are accepted. Like OpenSSH, a block whose address has bits set beyond the prefix is an error.
 */
public final class CidrBlock {

    private final byte[] network;
    private final int prefixLength;

    private CidrBlock(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * @throws IllegalArgumentException when {@code text} is not a numeric address or block
     */
    public static CidrBlock parse(String text) {
        int slash = text.indexOf('/');
        byte[] address = IpText.parseNumeric(slash < 0 ? text : text.substring(0, slash));
        int maxBits = address.length * 8;
        int bits = maxBits;
        if (slash >= 0) {
            String bitsText = text.substring(slash + 1);
            if (bitsText.isEmpty() || bitsText.length() > 3 || !bitsText.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("bad prefix length in '" + LogValues.printable(text) + "'");
            }
            bits = Integer.parseInt(bitsText);
            if (bits > maxBits) {
                throw new IllegalArgumentException("prefix length /" + bits + " is longer than the address in '"
                        + LogValues.printable(text) + "'");
            }
        }
        for (int bit = bits; bit < maxBits; bit++) {
            if ((address[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new IllegalArgumentException("'" + LogValues.printable(text)
                        + "' has host bits set beyond the /" + bits + " prefix");
            }
        }
        return new CidrBlock(address, bits);
    }

    /** Parses a comma-separated list such as a certificate's {@code source-address} option. */
    public static List<CidrBlock> parseList(String list) {
        List<CidrBlock> out = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            out.add(parse(item.strip()));
        }
        return List.copyOf(out);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = IpText.normalise(address).getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xff << (8 - remainingBits)) & 0xff;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
