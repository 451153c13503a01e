package dev.ocspwatch.app.bench;

import dev.ocspwatch.collector.topology.StoreNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

/**
 * The size of a closed collector's state, per store, three ways: the live bytes (every key and
 * value now in the store, read back from RocksDB: what a certificate in flight costs), the files
 * RocksDB left on disk (a clean close flushes the memtables; overwritten versions stay until
 * compaction merges them), and the changelog topic on the broker (every write, not yet compacted).
 */
final class CollectorStateSize {
    static final List<String> STORES = List.of(StoreNames.CERTIFICATES, StoreNames.CERTIFICATE_RECORDS, StoreNames.PROBES, StoreNames.EVIDENCE, StoreNames.DUE);

    private CollectorStateSize() {
    }

    record StoreSize(String store, long entries, long liveBytes, long diskBytes, long changelogBytes) {
    }

    static List<StoreSize> measure(Path applicationDirectory, Admin admin, String applicationId) throws Exception {
        Map<String, Long> topics = topicBytes(admin);
        List<StoreSize> sizes = new ArrayList<>();
        for (String store : STORES) {
            long entries = 0;
            long live = 0;
            long disk = 0;
            for (Path db : storeDirectories(applicationDirectory, store)) {
                long[] counted = live(db);
                entries += counted[0];
                live += counted[1];
                disk += directoryBytes(db);
            }
            sizes.add(new StoreSize(store, entries, live, disk, topics.getOrDefault(applicationId + "-" + store + "-changelog", 0L)));
        }
        return sizes;
    }

    /** {@code <state dir>/<application id>/<task>/rocksdb/<store>}, one per task. */
    private static List<Path> storeDirectories(Path applicationDirectory, String store) throws IOException {
        try (Stream<Path> tasks = Files.list(applicationDirectory)) {
            return tasks.map(t -> t.resolve("rocksdb").resolve(store)).filter(Files::isDirectory).sorted().toList();
        }
    }

    /** Entries and key plus value bytes of the store's data (the default column family), read-only. */
    private static long[] live(Path db) throws Exception {
        RocksDB.loadLibrary();
        List<byte[]> families;
        try (Options options = new Options()) {
            families = RocksDB.listColumnFamilies(options, db.toString());
        }
        List<ColumnFamilyDescriptor> descriptors = families.stream().map(ColumnFamilyDescriptor::new).toList();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        long entries = 0;
        long bytes = 0;
        try (DBOptions options = new DBOptions(); RocksDB rocks = RocksDB.openReadOnly(options, db.toString(), descriptors, handles)) {
            for (ColumnFamilyHandle handle : handles) {
                if (!Arrays.equals(handle.getName(), RocksDB.DEFAULT_COLUMN_FAMILY)) {
                    continue; // Streams' own bookkeeping (the changelog offsets), not the store's entries
                }
                try (RocksIterator it = rocks.newIterator(handle)) {
                    for (it.seekToFirst(); it.isValid(); it.next()) {
                        entries++;
                        bytes += it.key().length + it.value().length;
                    }
                }
            }
        } finally {
            handles.forEach(ColumnFamilyHandle::close);
        }
        return new long[] {entries, bytes};
    }

    private static long directoryBytes(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes of every topic on the broker's log directories, all partitions. */
    static Map<String, Long> topicBytes(Admin admin) throws Exception {
        Set<Integer> brokers = Set.of(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next().id());
        Map<String, Long> bytes = new LinkedHashMap<>();
        for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS).values()) {
            for (LogDirDescription dir : dirs.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                    bytes.merge(replica.getKey().topic(), replica.getValue().size(), Long::sum);
                }
            }
        }
        return bytes;
    }

    /** Deletes a state directory tree, best effort (a benchmark's temporary files). */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory left behind is not worth failing the benchmark
        }
    }
}
