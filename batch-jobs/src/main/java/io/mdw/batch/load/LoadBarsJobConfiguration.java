package io.mdw.batch.load;

import io.mdw.batch.metrics.LoadMetrics;
import io.mdw.batch.source.file.CsvBarReader;
import io.mdw.batch.source.file.PolygonJsonFileReader;
import io.mdw.batch.source.polygon.PolygonBarReader;
import io.mdw.batch.source.polygon.PolygonClient;
import io.mdw.batch.source.polygon.RetryWaits;
import io.mdw.batch.warehouse.BarStore;
import io.mdw.batch.warehouse.ProviderRequestLog;
import io.mdw.batch.warehouse.QualityDailyStore;
import io.mdw.batch.warehouse.RejectStore;
import io.mdw.batch.warehouse.SeriesHistoryRepository;
import io.mdw.batch.warehouse.SymbolRepository;
import io.mdw.market.RawBar;
import io.mdw.pipeline.OutsideWindow;
import io.mdw.pipeline.ProcessedItem;
import io.mdw.pipeline.SeriesPipeline;
import io.mdw.quality.ValidationThresholds;
import io.mdw.scheduling.CalendarSettings;
import io.mdw.scheduling.LoadJobRunner;
import io.mdw.scheduling.LoadRequest;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.partition.PartitionStep;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The load job: a partitioned step, one partition per (symbol, timeframe), each a chunk-oriented step
 * reader (provider or file) → processor (reject, validate, score, features) → writer (warehouse).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BatchSettings.class)
public class LoadBarsJobConfiguration {

    public static final String JOB_NAME = LoadJobRunner.BATCH_JOB;
    public static final String WORKER_STEP = LoadJobRunner.PARTITION_STEP;
    /** The worker step of a series' stored bars gone over again after its load. */
    public static final String FOLLOWING_BARS_STEP = "refreshSeries";
    /** The bundled sample, loaded by {@code mdw backfill --source sample}. */
    public static final String SAMPLE = "classpath:sample/polygon-aggs-X_ETHUSD-5m-2023-03-13.json";

    @Bean
    Job loadBars(JobRepository jobRepository, Step load, Step refreshFollowingBars, StopLoadsOnShutdown stopOnShutdown,
            JobFailureCause failureCause) {
        return new JobBuilder(JOB_NAME, jobRepository).listener(stopOnShutdown).listener(failureCause).start(load)
                .next(refreshFollowingBars)
                .build();
    }

    /** Stopped, it also ends its partitions' waits to retry the provider (see {@link LoadStep}). */
    @Bean
    Step load(JobRepository jobRepository, SeriesPartitioner seriesPartitioner, Step loadSeries,
            TaskExecutor loadTaskExecutor, BatchSettings settings, RetryWaits retryWaits) {
        return partitioned(new LoadStep(jobRepository, retryWaits), "load", jobRepository, seriesPartitioner,
                loadSeries, loadTaskExecutor, settings);
    }

    @Bean
    Step loadSeries(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ItemStreamReader<RawBar> seriesReader, SeriesItemProcessor seriesProcessor,
            WarehouseItemWriter seriesWriter, PartitionProgressListener progressListener, SeriesLock seriesLock,
            CommittedStepContext committedContext, BatchSettings settings) {
        return new StepBuilder(WORKER_STEP, jobRepository)
                .<RawBar, ProcessedItem>chunk(settings.chunkSize())
                .transactionManager(transactionManager)
                .reader(seriesReader)
                .processor(seriesProcessor)
                .writer(seriesWriter)
                .listener((StepListener) progressListener)
                .listener(seriesLock)
                .listener((StepListener) committedContext)
                .build();
    }

    /**
     * The stored bars after those a load wrote, gone over again (see {@link FollowingBarsPartitioner}): one partition
     * per series, in steps of their own, so that a load's counts and progress stay what it read and wrote.
     */
    @Bean
    Step refreshFollowingBars(JobRepository jobRepository, FollowingBarsPartitioner followingBarsPartitioner,
            Step refreshSeries, TaskExecutor loadTaskExecutor, BatchSettings settings) {
        return partitioned(new PartitionStep(jobRepository), "refreshFollowingBars", jobRepository,
                followingBarsPartitioner, refreshSeries, loadTaskExecutor, settings);
    }

    /**
     * One worker step per series, {@code MDW_BATCH_CONCURRENCY} of them at a time, each named after its worker: what
     * StepBuilder's partitioner(...) builds, on a step of our choosing (the builder makes a PartitionStep). A bean, it
     * is initialized and given its observation registry by Spring.
     */
    private static PartitionStep partitioned(PartitionStep step, String name, JobRepository jobRepository,
            Partitioner partitioner, Step worker, TaskExecutor executor, BatchSettings settings) {
        step.setName(name);
        TaskExecutorPartitionHandler partitions = new TaskExecutorPartitionHandler();
        partitions.setStep(worker);
        partitions.setTaskExecutor(executor);
        partitions.setGridSize(settings.concurrency());
        step.setPartitionHandler(partitions);
        step.setStepExecutionSplitter(new SimpleStepExecutionSplitter(jobRepository, worker.getName(), partitioner));
        return step;
    }

    @Bean
    Step refreshSeries(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            StoredBarReader storedBarReader, FollowingBarsProcessor followingBarsProcessor,
            FollowingBarsWriter followingBarsWriter, SeriesLock seriesLock, CommittedStepContext committedContext,
            BatchSettings settings) {
        return new StepBuilder(FOLLOWING_BARS_STEP, jobRepository)
                .<StoredBar, FollowingBarsProcessor.Recomputed>chunk(settings.chunkSize())
                .transactionManager(transactionManager)
                .reader(storedBarReader)
                .processor(followingBarsProcessor)
                .writer(followingBarsWriter)
                .listener(seriesLock)
                .listener((StepListener) committedContext)
                .build();
    }

    @Bean
    TaskExecutor loadTaskExecutor(BatchSettings settings) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(settings.concurrency());
        executor.setMaxPoolSize(settings.concurrency());
        executor.setThreadNamePrefix("load-");
        return executor;
    }

    @Bean
    @JobScope
    SeriesPartitioner seriesPartitioner(SymbolRepository symbols) {
        return new SeriesPartitioner(LoadJobParameters.request(JobSynchronizationManager.getContext().getJobExecution()
                .getJobParameters()), symbols);
    }

    /**
     * Whether a load can run at all (the provider's key) is checked before its job starts, by BatchLoadJobRunner on a
     * node and by the command itself in the CLI, not here: a step-scoped bean that throws while it is created is
     * created again when its step closes its streams, and fails again there, each time with its stack trace.
     */
    @Bean
    @StepScope
    ItemStreamReader<RawBar> seriesReader(PolygonClient polygon, CalendarSettings calendars, BarOrigins origins) {
        StepExecution step = currentStep();
        LoadRequest parameters = LoadJobParameters.request(step.getJobExecution().getJobParameters());
        SeriesWindow window = currentWindow();
        if (parameters.file() == null) {
            return new PolygonBarReader(polygon, window, step.getJobExecutionId(), origins);
        }
        Resource file = parameters.file().startsWith("classpath:")
                ? new ClassPathResource(parameters.file().substring("classpath:".length()))
                : new FileSystemResource(parameters.file());
        return parameters.file().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
                ? new CsvBarReader(file, calendars.forAssetClass(window.assetClass()))
                : new PolygonJsonFileReader(file);
    }

    @Bean
    @StepScope
    SeriesItemProcessor seriesProcessor(CalendarSettings calendars, ValidationThresholds thresholds,
            SeriesHistoryRepository history) {
        StepExecution step = currentStep();
        SeriesWindow window = currentWindow();
        boolean fromFile = LoadJobParameters.request(step.getJobExecution().getJobParameters()).file() != null;
        return new SeriesItemProcessor(window, fromFile ? OutsideWindow.SKIPPED : OutsideWindow.REJECTED,
                calendars.forAssetClass(window.assetClass()), thresholds, history);
    }

    @Bean
    @StepScope
    WarehouseItemWriter seriesWriter(CalendarSettings calendars, BarStore bars, RejectStore rejects,
            QualityDailyStore quality, BarOrigins origins, ProviderRequestLog requests, LoadMetrics metrics) {
        StepExecution step = currentStep();
        SeriesWindow window = currentWindow();
        LoadRequest request = LoadJobParameters.request(step.getJobExecution().getJobParameters());
        return new WarehouseItemWriter(window, request.sourceKind(), step, calendars.forAssetClass(window.assetClass()),
                bars, rejects, quality, origins, requests, metrics, request.file() == null);
    }

    @Bean
    @JobScope
    FollowingBarsPartitioner followingBarsPartitioner(SeriesPartitioner seriesPartitioner, JobRepository jobRepository) {
        return new FollowingBarsPartitioner(seriesPartitioner, jobRepository,
                JobSynchronizationManager.getContext().getJobExecution().getJobInstance());
    }

    @Bean
    @StepScope
    StoredBarReader storedBarReader(JdbcClient jdbc, SeriesConvergence convergence, BatchSettings settings) {
        return new StoredBarReader(jdbc, currentWindow(), convergence, settings.chunkSize());
    }

    @Bean
    @StepScope
    FollowingBarsProcessor followingBarsProcessor(CalendarSettings calendars, ValidationThresholds thresholds,
            SeriesHistoryRepository history) {
        SeriesWindow window = currentWindow();
        return new FollowingBarsProcessor(new SeriesItemProcessor(window, OutsideWindow.REJECTED,
                calendars.forAssetClass(window.assetClass()), thresholds, history));
    }

    @Bean
    @StepScope
    FollowingBarsWriter followingBarsWriter(CalendarSettings calendars, BarStore bars, QualityDailyStore quality,
            SeriesConvergence convergence) {
        SeriesWindow window = currentWindow();
        return new FollowingBarsWriter(window, calendars.forAssetClass(window.assetClass()), bars, quality,
                convergence);
    }

    /** Shared by a partition's reader and writer: whether going over the stored bars has stopped changing them. */
    @Bean
    @StepScope
    SeriesConvergence seriesConvergence(ValidationThresholds thresholds) {
        return new SeriesConvergence(SeriesPipeline.historyNeeded(thresholds));
    }

    /** Shared by a partition's reader and writer: which provider request each bar read came from. */
    @Bean
    @StepScope
    BarOrigins barOrigins() {
        return new BarOrigins();
    }

    @Bean
    @StepScope
    PartitionProgressListener progressListener() {
        return new PartitionProgressListener();
    }

    /**
     * Its connections are opened apart from the pool, one per running partition: held for a whole step, pooled ones
     * would leave the chunks' transactions too few.
     */
    @Bean
    SeriesLock seriesLock(JdbcConnectionDetails warehouse, JobRepository jobRepository) {
        return new SeriesLock(new DriverManagerDataSource(warehouse.getJdbcUrl(), warehouse.getUsername(),
                warehouse.getPassword()), jobRepository);
    }

    @Bean
    CommittedStepContext committedContext(JobRepository jobRepository) {
        return new CommittedStepContext(jobRepository);
    }

    private static StepExecution currentStep() {
        return StepSynchronizationManager.getContext().getStepExecution();
    }

    /** The series and window of the current partition. */
    private static SeriesWindow currentWindow() {
        return SeriesWindowContext.fromContext(currentStep().getExecutionContext());
    }
}
