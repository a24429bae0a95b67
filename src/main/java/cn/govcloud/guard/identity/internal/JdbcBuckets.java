package cn.govcloud.guard.identity.internal;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bucket4j's token buckets kept in {@code identity_rate_bucket}, so every node sees the same
 * counts (issue 20 point 9). Bucket4j ships stores for PostgreSQL and others but none for H2;
 * this is its compare-and-swap store over plain SQL, which both databases run the same way: read
 * the state, and write the new one only if the row still holds what was read (else Bucket4j
 * retries). Time is the platform's {@link Clock}, so tests that move the clock move the buckets.
 */
final class JdbcBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {
    private final JdbcClient jdbc;

    JdbcBuckets(JdbcClient jdbc, Clock clock) {
        super(ClientSideConfig.getDefault().withClientClock(new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        }));
        this.jdbc = jdbc;
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                return jdbc.sql("select state from identity_rate_bucket where bucket_key = ?").param(key).query(byte[].class).optional();
            }

            @Override
            public boolean compareAndSwap(byte[] originalData, byte[] newData, RemoteBucketState newState, Optional<Long> timeoutNanos) {
                if (originalData == null) {
                    try {
                        return jdbc.sql("insert into identity_rate_bucket (bucket_key, state, version) values (?, ?, 1)")
                                .params(key, newData).update() == 1;
                    } catch (DuplicateKeyException anotherNodeFirst) {
                        return false;
                    }
                }
                // a version column rather than comparing the bytes: the same statement on H2 and PostgreSQL
                Long version = jdbc.sql("select version from identity_rate_bucket where bucket_key = ? and state = ?")
                        .params(key, originalData).query(Long.class).optional().orElse(null);
                return version != null && jdbc.sql("update identity_rate_bucket set state = ?, version = version + 1 where bucket_key = ? and version = ?")
                        .params(newData, key, version).update() == 1;
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("synchronous only");
    }

    @Override
    public void removeProxy(String key) {
        jdbc.sql("delete from identity_rate_bucket where bucket_key = ?").param(key).update();
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        throw new UnsupportedOperationException("synchronous only");
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }
}
