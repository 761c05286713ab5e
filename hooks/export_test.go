package hooks

// SubmissionByKeyQuery exposes the idempotency lookup to the tests of its
// query plan.
var SubmissionByKeyQuery = submissionByKeyQuery
