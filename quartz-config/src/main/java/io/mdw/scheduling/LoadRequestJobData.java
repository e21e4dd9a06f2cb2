package io.mdw.scheduling;

import org.quartz.JobDataMap;

/** A load request in a Quartz JobDataMap: plain strings, readable in the database and across versions. */
final class LoadRequestJobData {

    private LoadRequestJobData() {
    }

    static JobDataMap toJobData(LoadRequest request) {
        return new JobDataMap(LoadRequestFields.encode(request));
    }

    static LoadRequest fromJobData(JobDataMap data) {
        return LoadRequestFields.decode(data::getString);
    }
}
