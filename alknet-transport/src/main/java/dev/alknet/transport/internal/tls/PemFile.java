package dev.alknet.transport.internal.tls;

import dev.alknet.transport.TlsFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The labelled blocks of one PEM file, read once, with errors that name the file. */
public final class PemFile {

    /** One {@code -----BEGIN label-----} block; {@code headers} marks RFC 1421 headers, whose body is not decoded. */
    public record Block(String label, byte[] der, boolean headers) {
    }

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private final Path path;
    private final List<Block> blocks;

    private PemFile(Path path, List<Block> blocks) {
        this.path = path;
        this.blocks = blocks;
    }

    /** Reads {@code path}; fails when it is missing, unreadable or holds no PEM block at all. */
    public static PemFile read(Path path, String expected) throws TlsFileException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new TlsFileException(path, "file not found (expected " + expected + ")");
        } catch (AccessDeniedException e) {
            throw new TlsFileException(path, "permission denied: the process cannot read it");
        } catch (IOException e) {
            // MalformedInputException lands here too: a binary (DER) file is not ASCII.
            throw new TlsFileException(path, "cannot read it as PEM text (expected " + expected
                    + "; DER files must be converted with openssl first)", e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            if (body.contains(":")) {
                // RFC 1421 headers only appear on legacy encrypted keys, which are refused unread.
                blocks.add(new Block(m.group(1), new byte[0], true));
                continue;
            }
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(body.strip()), false));
            } catch (IllegalArgumentException e) {
                throw new TlsFileException(path, "the " + m.group(1) + " block is not valid base64");
            }
        }
        if (blocks.isEmpty()) {
            throw new TlsFileException(path, "not a PEM file: no -----BEGIN ...----- block (expected "
                    + expected + ")");
        }
        return new PemFile(path, List.copyOf(blocks));
    }

    public Path path() {
        return path;
    }

    public List<Block> blocks() {
        return blocks;
    }

    /** All {@code CERTIFICATE} blocks in file order; fails when there are none or one does not parse. */
    public List<X509Certificate> certificates() throws TlsFileException {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks) {
                if (block.label().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new TlsFileException(path, "a CERTIFICATE block is not a valid X.509 certificate", e);
        }
        if (certificates.isEmpty()) {
            throw new TlsFileException(path, "no CERTIFICATE block (found " + labels() + ")");
        }
        return List.copyOf(certificates);
    }

    /** The labels present, for error messages. */
    public List<String> labels() {
        return blocks.stream().map(Block::label).distinct().toList();
    }
}
