package fr.passerelle.referral;

/** What happened for the parent once the child was looked after (sortie / issue), recorded by the advisor. */
public enum Outcome {

    /** The parent attended the job interview. */
    INTERVIEW_ATTENDED,
    /** The parent started the training. */
    TRAINING_STARTED,
    /** The parent started the job. */
    JOB_STARTED,
    /** The parent did not attend. */
    DID_NOT_ATTEND,
    /** Something else, said in the comment. */
    OTHER
}
