package dev.opsuite.automation.workflow;

/** A step attempt failed; the message is the step's result text. */
class StepFailure extends Exception {
    StepFailure(String message) {
        super(message, null, false, false);
    }
}
