package content

import _ "embed"

// IntakeWorkflow is the definition (JSON, see docs/workflow-language.md) of
// the workflow "Integrationsbegleitung" behind the intake offer: angemeldet →
// erstgespraech → profiling → foerderplan → in_massnahme → vermittelt →
// nachbetreuung → abgeschlossen, and abgebrochen from every open state. It
// compiles against [IntakeForm].
//
//go:embed integrationsbegleitung-workflow.json
var IntakeWorkflow []byte
