package dev.parley.ledger.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files and directories; the grace period runs on a hand-driven clock. */
class SpareInodesTest {
  private static final Duration GRACE = Duration.ofSeconds(2);

  @TempDir Path dir;
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private SpareInodes open() throws IOException {
    return SpareInodes.open(dir.resolve("spare"), GRACE, now::get);
  }

  private void pass(Duration d) {
    now.addAndGet(d.toNanos());
  }

  private static Object inode(Path p) throws IOException {
    return Files.getAttribute(p, "unix:ino");
  }

  @Test
  void take_emptyPool_returnsFalseAndCreatesNothing() throws IOException {
    SpareInodes spares = open();

    assertFalse(spares.take(dir.resolve("new")));
    assertFalse(spares.takeDirectory(dir.resolve("new.p")));
    assertFalse(Files.exists(dir.resolve("new")));
    assertFalse(Files.exists(dir.resolve("new.p")));
  }

  @Test
  void take_adoptedFileAfterGrace_movesTheSameInodeIntoPlace() throws IOException {
    SpareInodes spares = open();
    Path old = Files.writeString(dir.resolve("old"), "superseded");
    Object ino = inode(old);
    spares.adopt(old);
    assertFalse(Files.exists(old));

    pass(GRACE.minusMillis(1));
    assertFalse(spares.take(dir.resolve("early")), "still resting");
    pass(Duration.ofMillis(1));
    Path target = dir.resolve("a/b");
    Files.createDirectories(target.getParent());

    assertTrue(spares.take(target));
    assertEquals(ino, inode(target));
    assertEquals("superseded", Files.readString(target), "the caller overwrites it");
    assertFalse(spares.take(dir.resolve("c")), "one spare, taken once");
  }

  @Test
  void takeDirectory_adoptedEmptyDirectory_movesItAndRefusesNonEmptyOnAdopt() throws IOException {
    SpareInodes spares = open();
    Path p = Files.createDirectories(dir.resolve("tile/0/000.p"));
    Object ino = inode(p);
    Path full = Files.createDirectories(dir.resolve("tile/0/001.p"));
    Files.writeString(full.resolve("7"), "x");

    spares.adoptDirectory(p);
    assertThrows(IOException.class, () -> spares.adoptDirectory(full));
    pass(GRACE);

    Path target = dir.resolve("tile/0/002.p");
    assertTrue(spares.takeDirectory(target));
    assertEquals(ino, inode(target));
    assertTrue(Files.isRegularFile(full.resolve("7")), "a refused directory is left alone");
  }

  @Test
  void keepReplaced_thenRenameOver_spareHoldsTheReplacedInode() throws IOException {
    SpareInodes spares = open();
    Path checkpoint = Files.writeString(dir.resolve("checkpoint"), "size 5");
    Object oldIno = inode(checkpoint);
    Path tmp = Files.writeString(dir.resolve(".tmp-checkpoint-9"), "size 9");

    Path kept = spares.keepReplaced(checkpoint);
    assertNotNull(kept);
    pass(GRACE);
    assertFalse(spares.take(dir.resolve("too-soon")), "shares the live file's inode: refused");
    assertFalse(Files.exists(kept), "and the second name is dropped, never the live file");
    assertEquals("size 5", Files.readString(checkpoint));

    kept = spares.keepReplaced(checkpoint);
    Files.move(tmp, checkpoint, StandardCopyOption.ATOMIC_MOVE);
    pass(GRACE);
    Path next = dir.resolve(".tmp-checkpoint-12");
    assertTrue(spares.take(next));
    assertEquals(oldIno, inode(next));
    assertEquals("size 9", Files.readString(checkpoint));
    assertFalse(Files.exists(kept));
  }

  @Test
  void keepReplaced_missingFile_returnsNull() throws IOException {
    assertNull(open().keepReplaced(dir.resolve("checkpoint")));
  }

  @Test
  void forget_afterFailedRename_removesTheSecondNameOnly() throws IOException {
    SpareInodes spares = open();
    Path checkpoint = Files.writeString(dir.resolve("checkpoint"), "live");
    Path kept = spares.keepReplaced(checkpoint);

    spares.forget(kept);
    pass(GRACE);

    assertFalse(Files.exists(kept));
    assertEquals("live", Files.readString(checkpoint));
    assertEquals(1, Files.getAttribute(checkpoint, "unix:nlink"));
    assertFalse(spares.take(dir.resolve("x")));
  }

  @Test
  void open_leftovers_adoptsSingleLinkFilesAndEmptyDirectoriesDeletesTheRest() throws IOException {
    Path spareDir = Files.createDirectories(dir.resolve("spare"));
    Path single = Files.writeString(spareDir.resolve("12"), "a");
    Object singleIno = inode(single);
    Files.createDirectories(spareDir.resolve("13"));
    Path live = Files.writeString(dir.resolve("checkpoint"), "live");
    Files.createLink(spareDir.resolve("14"), live);
    Files.createDirectories(spareDir.resolve("15"));
    Files.writeString(spareDir.resolve("15/x"), "not empty");

    SpareInodes spares = open();

    assertEquals(2, spares.size());
    try (Stream<Path> left = Files.list(spareDir)) {
      assertEquals(List.of(spareDir.resolve("12"), spareDir.resolve("13")), left.sorted().toList());
    }
    assertEquals(1, Files.getAttribute(live, "unix:nlink"));
    Path target = dir.resolve("t");
    assertTrue(spares.take(target), "leftovers are rested already");
    assertEquals(singleIno, inode(target));
    assertTrue(spares.takeDirectory(dir.resolve("d.p")));
    spares.adopt(target);
    assertTrue(Files.exists(spareDir.resolve("16")), "new names continue after the leftovers");
  }
}
