package dev.alknet.host;

import picocli.CommandLine.IVersionProvider;

/** {@code alknet --version}: the version the fat jar's manifest carries. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Alknet.class.getPackage().getImplementationVersion();
        // Classes run from target/classes (tests, IDEs) have no manifest.
        return new String[] {"alknet " + (version == null ? "(development build)" : version)};
    }
}
