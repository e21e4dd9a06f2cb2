package io.mdw.batch.load;

/** What becomes of the stored bars of a load's window that its source did not send. */
public enum UnsentBars {

    /**
     * A provider's answer is the whole truth of the window it was asked for (it revises its aggregates: a bar built
     * from trades later cancelled disappears), so a full rebuild would not have them: they are withdrawn, kept in
     * rejected_bars, and the series goes on from the bars before the window.
     */
    WITHDRAWN,

    /**
     * A file holds what it holds (an export, a part of a series): its bars are added to those stored, which stay, and
     * the series goes on from the bars stored before its first one.
     */
    KEPT
}
