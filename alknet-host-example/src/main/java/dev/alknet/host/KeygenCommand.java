package dev.alknet.host;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.auth.OpenSshPublicKey;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code alknet keygen}: what {@code ssh-keygen -t ed25519} does, without a passphrase. */
@Command(name = "keygen", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Writes a new Ed25519 key pair in OpenSSH format: the private key (mode 0600) and FILE.pub.",
                "Existing files are never overwritten."})
final class KeygenCommand implements Callable<Integer> {

    @ParentCommand
    private Alknet alknet;

    @Option(names = "-f", paramLabel = "FILE",
            description = "private key file (default: <data-dir>/" + DataDir.IDENTITY + ", the key connect uses)")
    private Path file;

    @Option(names = "-C", paramLabel = "COMMENT", description = "comment in the public key (default: user@host)")
    private String comment;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "data directory (default: $" + DataDir.ENV + " or ~/.alknet)")
    private Path dataDir;

    @Override
    public Integer call() {
        HostContext context = alknet.context();
        Path target = file != null ? file.toAbsolutePath()
                : DataDir.resolve(dataDir, context.env()).resolve(DataDir.IDENTITY);
        Path publicFile = target.resolveSibling(target.getFileName() + ".pub");
        for (Path existing : new Path[] {target, publicFile}) {
            if (Files.exists(existing)) {
                throw new UsageError(existing + " already exists; refusing to overwrite a key (choose another -f)");
            }
        }
        if (target.getParent() != null) {
            DataDir.create(target.getParent());
        }
        OpenSshKeyPair pair = OpenSshKeyPair.generateEd25519(comment != null ? comment : defaultComment(context));
        pair.write(target);
        OpenSshPublicKey key = pair.publicKey();
        PrintWriter out = context.out();
        out.println("Wrote private key " + target + " and public key " + publicFile);
        out.println(key.toLine());
        out.println("fingerprint " + key.fingerprint());
        return 0;
    }

    // Like ssh-keygen; HOSTNAME rather than a DNS lookup, which can stall on a machine without a resolver.
    private static String defaultComment(HostContext context) {
        String user = System.getProperty("user.name", "alknet");
        String host = context.env().get("HOSTNAME");
        return host == null || host.isBlank() ? user : user + "@" + host;
    }
}
