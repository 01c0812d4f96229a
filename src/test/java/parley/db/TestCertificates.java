package parley.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * PEM files made with the openssl command: a CA, a certificate it signed for the server name "localhost" (with its
 * key), and another CA that signed nothing here.
 */
record TestCertificates(Path ca, Path serverCertificate, Path serverKey, Path otherCa) {

  static TestCertificates makeIn(Path directory) throws IOException, InterruptedException {
    selfSignedCa(directory, "ca", "Parley test CA");
    selfSignedCa(directory, "other-ca", "Someone else's CA");
    openssl(directory, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
    Files.writeString(directory.resolve("server.ext"), """
      subjectAltName = DNS:localhost
      basicConstraints = critical, CA:FALSE
      keyUsage = critical, digitalSignature
      extendedKeyUsage = serverAuth
      """);
    openssl(directory, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", "2",
      "-days", "2", "-extfile", "server.ext", "-out", "server.crt");
    // PostgreSQL refuses a key that others than its owner may read.
    Files.setPosixFilePermissions(directory.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
    return new TestCertificates(directory.resolve("ca.crt"), directory.resolve("server.crt"),
      directory.resolve("server.key"), directory.resolve("other-ca.crt"));
  }

  private static void selfSignedCa(Path directory, String name, String commonName) throws IOException, InterruptedException {
    openssl(directory, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", name + ".key", "-out", name + ".crt", "-subj", "/CN=" + commonName, "-days", "2",
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
  }

  private static void openssl(Path directory, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }
}
