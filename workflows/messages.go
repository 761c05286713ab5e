package workflows

import "github.com/multipotenzial/multipotenzial/forms"

// messages are the built-in texts of the error codes, for staff: German and
// English (other languages fall back to German). Guard reasons are the
// admin's own texts.
var messages = map[string]map[string]string{
	ErrTransitionUnknown: {
		"de": "Diesen Schritt gibt es in diesem Ablauf nicht (mehr).",
		"en": "This step does not exist in this workflow (any more)."},
	ErrWrongState: {
		"de": "Der Fall ist nicht (mehr) in einem Status, aus dem dieser Schritt möglich ist. Bitte neu laden.",
		"en": "The case is not (or no longer) in a state this step starts from. Please reload."},
	ErrRoleNotAllowed: {
		"de": "Ihre Rolle darf diesen Schritt nicht ausführen.",
		"en": "Your role may not take this step."},
	ErrAutomaticOnly: {
		"de": "Dieser Schritt erfolgt automatisch nach Fristablauf.",
		"en": "This step happens automatically when its time has come."},
	ErrGuardFalse: {
		"de": "Die Voraussetzungen für diesen Schritt sind nicht erfüllt.",
		"en": "The conditions for this step are not met."},
	ErrGuardFailed: {
		"de": "Die Voraussetzungen für diesen Schritt konnten nicht geprüft werden. Bitte wenden Sie sich an die Administration.",
		"en": "The conditions for this step could not be checked. Please contact your administrator."},
	ErrStepInvalid: {
		"de": "Bitte prüfen Sie die Angaben zu diesem Schritt.",
		"en": "Please check the details of this step."},
	ErrActionFailed: {
		"de": "Der Schritt konnte nicht ausgeführt werden (eine Regel des Ablaufs ist fehlgeschlagen). Bitte wenden Sie sich an die Administration.",
		"en": "The step could not be carried out (a rule of the workflow failed). Please contact your administrator."},
}

// message returns the text of a code in lang, else German.
func message(code, lang string) string {
	if s := messages[code][lang]; s != "" {
		return s
	}
	return messages[code][forms.DefaultLanguage]
}

// fieldMessages are the field errors Take reports itself (step answers for
// a transition without step form, an over-long comment), worded as the
// form language's built-in messages.
var fieldMessages = map[string]map[string]string{
	forms.CodeUnknownField: {
		"de": "Dieses Feld gibt es bei diesem Schritt nicht.",
		"en": "This field does not exist for this step."},
	forms.CodeMaxLength: {
		"de": "Bitte geben Sie höchstens 2000 Zeichen ein.",
		"en": "Please enter at most 2000 characters."},
}

func fieldMessage(code, lang string) string {
	if s := fieldMessages[code][lang]; s != "" {
		return s
	}
	return fieldMessages[code][forms.DefaultLanguage]
}
