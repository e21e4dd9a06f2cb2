package io.mdw.scheduling;

/** Runs one load request; the batch node implements it by launching (or restarting) the Spring Batch job. */
public interface LoadJobRunner {

    /**
     * @param recovering true when a node died while running this request and this node took it over
     */
    void run(LoadRequest request, boolean recovering) throws Exception;
}
