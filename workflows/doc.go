// Package workflows is the case workflow language of MultiPotenzial: a
// state machine per offer type that a Träger admin defines as data (states,
// transitions with expr guards, step forms, actions and timers) and
// counsellors drive case by case.
//
// It is pure: no PocketBase, no clock, no storage. [Parse] and [Compile]
// turn a definition into an immutable [Workflow] (every rule compiled once,
// at publish time). Per request the adapter (package hooks) describes the
// case as a [CaseContext], with the time injected, and calls
// [Workflow.Options], [Workflow.Take], [Workflow.Start] or [Workflow.Fire];
// the results say what to store (case update, event, tasks, notifications,
// timers). [PlanMigration] moves running cases to a new version and
// [Simulate] runs a draft on sample data for the studio.
//
// The language is documented for admins and developers in
// docs/workflow-language.md; the JSON Schema is
// docs/workflow-definition.schema.json.
package workflows
