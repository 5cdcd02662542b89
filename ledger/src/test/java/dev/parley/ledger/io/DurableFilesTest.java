package dev.parley.ledger.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real files: the two rounds of {@link DurableFiles#prepare}, with and without a pool. */
class DurableFilesTest {
  @TempDir Path dir;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private ExecutorService pool(boolean parallel) {
    return parallel ? pool : null;
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void prepare_newFilesInNewDirectories_commitWritesAllAndReplacesCommitFile(boolean parallel)
      throws IOException {
    Path commit = dir.resolve("checkpoint");
    Files.writeString(commit, "old");
    List<DurableFiles.Write> files = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Path p = dir.resolve("tile/" + (i % 3) + "/x00" + (i % 2) + "/" + i + ".p/" + (i + 1));
      files.add(DurableFiles.Write.publicFile(p, bytes("file " + i)));
    }

    DurableFiles.Prepared prepared =
        DurableFiles.prepare(
            files,
            DurableFiles.Write.publicFile(commit, bytes("new")),
            pool(parallel),
            ".tmp-checkpoint-12");
    prepared.commit();

    for (int i = 0; i < files.size(); i++) {
      assertArrayEquals(bytes("file " + i), Files.readAllBytes(files.get(i).path()), "file " + i);
      assertEquals(
          "rw-r--r--",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(i).path())));
    }
    assertEquals("new", Files.readString(commit));
    assertFalse(Files.exists(dir.resolve(".tmp-checkpoint-12")));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void prepare_withRestedSpares_recyclesInodesAndKeepsTheReplacedCommitFile(boolean parallel)
      throws IOException {
    Path log = Files.createDirectories(dir.resolve("log"));
    Path commit = Files.writeString(log.resolve("checkpoint"), "old checkpoint");
    Object commitIno = inode(commit);
    SpareInodes spares = SpareInodes.open(dir.resolve("spare"), Duration.ZERO, System::nanoTime);
    Path obsolete = Files.createDirectories(log.resolve("tile/entries/000.p"));
    Set<Object> spareFileInos = new HashSet<>();
    for (String name : List.of("200", "240")) {
      Path f =
          Files.writeString(obsolete.resolve(name), "a much longer superseded partial " + name);
      spareFileInos.add(inode(f));
      spares.adopt(f);
    }
    Object spareDirIno = inode(obsolete);
    spares.adoptDirectory(obsolete);
    Path next = log.resolve("tile/entries/001.p/3");

    DurableFiles.prepare(
            List.of(DurableFiles.Write.publicFile(next, bytes("abc"))),
            DurableFiles.Write.publicFile(commit, bytes("new")),
            pool(parallel),
            ".tmp-checkpoint-259",
            spares)
        .commit();

    assertEquals("abc", Files.readString(next), "overwritten and truncated");
    assertEquals("new", Files.readString(commit));
    assertEquals(spareFileInos, Set.of(inode(next), inode(commit)), "both files are spares");
    assertEquals(spareDirIno, inode(next.getParent()), "the new directory is the spare one");
    assertEquals(1, Files.getAttribute(commit, "unix:nlink"));
    try (Stream<Path> left = Files.list(dir.resolve("spare"))) {
      List<Path> kept = left.toList();
      assertEquals(1, kept.size(), "only the replaced checkpoint rests in the pool");
      assertEquals(commitIno, inode(kept.get(0)));
      assertEquals("old checkpoint", Files.readString(kept.get(0)));
    }
  }

  private static Object inode(Path p) throws IOException {
    return Files.getAttribute(p, "unix:ino");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void prepare_existingFileOfSameName_isTruncatedAndRewritten(boolean parallel) throws IOException {
    Path left = dir.resolve("tile/entries/000.p/3");
    Files.createDirectories(left.getParent());
    Files.writeString(left, "a longer leftover beyond the checkpoint");

    DurableFiles.prepare(
            List.of(DurableFiles.Write.publicFile(left, bytes("abc"))),
            DurableFiles.Write.publicFile(dir.resolve("checkpoint"), bytes("3")),
            pool(parallel),
            null)
        .commit();

    assertEquals("abc", Files.readString(left));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void commit_fileCannotBeCreated_throwsKeepsCommitFileAndRemovesTemp(boolean parallel)
      throws IOException {
    Path commit = dir.resolve("checkpoint");
    Files.writeString(commit, "old");
    Path blocker = dir.resolve("tile");
    Files.writeString(blocker, "a file where a directory must go");
    List<DurableFiles.Write> files =
        List.of(DurableFiles.Write.publicFile(blocker.resolve("0/000"), bytes("x")));
    DurableFiles.Write next = DurableFiles.Write.publicFile(commit, bytes("new"));

    IOException e =
        assertThrows(
            IOException.class,
            () -> DurableFiles.prepare(files, next, pool(parallel), ".tmp-checkpoint-1").commit());

    assertTrue(e.getMessage().contains("tile"), e.getMessage());
    assertEquals("old", Files.readString(commit));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(
          List.of("checkpoint", "tile"),
          left.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void commit_tempNameInUse_throwsAndKeepsCommitFile() throws IOException {
    Path commit = dir.resolve("checkpoint");
    Files.writeString(commit, "old");
    Files.writeString(dir.resolve(".tmp-checkpoint-5"), "another group in flight");

    assertThrows(
        IOException.class,
        () ->
            DurableFiles.prepare(
                    List.of(),
                    DurableFiles.Write.publicFile(commit, bytes("new")),
                    pool,
                    ".tmp-checkpoint-5")
                .commit());

    assertEquals("old", Files.readString(commit));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
