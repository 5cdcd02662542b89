package dev.parley.consent.commitment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.consent.model.SubjectToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaltStoreTest {
  @TempDir Path dir;

  private static SubjectToken token(int i) {
    byte[] b = new byte[64];
    b[0] = (byte) i;
    b[63] = (byte) (i >> 8);
    return SubjectToken.of(b);
  }

  @Test
  void saltOrCreate_reopen_sameSalt() throws IOException {
    Path f = dir.resolve("salts.bin");
    byte[] salt;
    try (SaltStore s = SaltStore.open(f, new SecureRandom())) {
      salt = s.saltOrCreate(token(1));
      assertArrayEquals(salt, s.saltOrCreate(token(1)));
      s.saltOrCreate(token(2));
    }
    try (SaltStore s = SaltStore.open(f, new SecureRandom())) {
      assertEquals(2, s.size());
      assertArrayEquals(salt, s.salt(token(1)).orElseThrow());
    }
    if (Files.getFileStore(f).supportsFileAttributeView("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }
  }

  @Test
  void erase_overwritesSaltInFile() throws IOException {
    Path f = dir.resolve("salts.bin");
    byte[] salt;
    try (SaltStore s = SaltStore.open(f, new SecureRandom())) {
      salt = s.saltOrCreate(token(7));
      s.saltOrCreate(token(8));
      s.flush();
      assertTrue(indexOf(Files.readAllBytes(f), salt) >= 0);
      assertTrue(s.erase(token(7)));
      assertFalse(s.erase(token(7)));
      assertTrue(s.salt(token(7)).isEmpty());
    }
    assertEquals(-1, indexOf(Files.readAllBytes(f), salt));
    try (SaltStore s = SaltStore.open(f, new SecureRandom())) {
      assertTrue(s.salt(token(7)).isEmpty());
      assertTrue(s.salt(token(8)).isPresent());
      assertEquals(1, s.size());
    }
  }

  @Test
  void retainOnly_erasesOthers() throws IOException {
    try (SaltStore s = SaltStore.open(dir.resolve("salts.bin"), new SecureRandom())) {
      for (int i = 0; i < 10; i++) {
        s.saltOrCreate(token(i));
      }
      // Keep token 0 and the odd ones (1, 3, 5, 7, 9); erase 2, 4, 6, 8.
      assertEquals(4, s.retainOnly(t -> t.equals(token(0)) || t.bytes()[0] % 2 == 1));
      assertEquals(6, s.size());
      assertTrue(s.salt(token(0)).isPresent());
      assertTrue(s.salt(token(2)).isEmpty());
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
