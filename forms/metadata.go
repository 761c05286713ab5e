package forms

// FieldInfo describes a field for other parts of the system: exports, the
// GDPR Art. 30 register, the audit of special-category reads and the
// studio's list of fields a rule may use.
type FieldInfo struct {
	// Key is the field's key; Path is key at top level and group.key for a
	// sub-field of a repeat group.
	Key, Path string
	// Group is the key of the enclosing repeat group ("" at top level).
	Group string
	// Section is the key of the field's section.
	Section string
	Type    string
	// Sensitivity is normal, sensitive or special (GDPR Art. 9).
	Sensitivity string
	Label       Text
	Options     []Option
	// Required is the static flag (required_if comes on top).
	Required bool
	// InRules reports whether rules can read the field (every field but
	// info texts).
	InRules bool
}

// InRepeat reports whether the field is a sub-field of a repeat group.
func (i FieldInfo) InRepeat() bool { return i.Group != "" }

// Fields returns every field in definition order, each repeat group
// followed by its sub-fields.
func (f *Form) Fields() []FieldInfo {
	var out []FieldInfo
	for _, fd := range f.fields {
		out = append(out, fd.info())
		for _, sub := range fd.sub {
			out = append(out, sub.info())
		}
	}
	return out
}

// Field returns the info of a field by path (key or group.key).
func (f *Form) Field(path string) (FieldInfo, bool) {
	for _, info := range f.Fields() {
		if info.Path == path {
			return info, true
		}
	}
	return FieldInfo{}, false
}

func (fd *field) info() FieldInfo {
	top := fd
	if fd.group != nil {
		top = fd.group
	}
	info := FieldInfo{
		Key: fd.key, Path: fd.key, Section: top.section.key, Type: fd.def.Type,
		Sensitivity: fd.def.Sensitivity, Label: fd.def.Label, Options: fd.def.Options,
		Required: fd.def.Required, InRules: fd.def.Type != TypeInfo,
	}
	if info.Sensitivity == "" {
		info.Sensitivity = Normal
	}
	if fd.group != nil {
		info.Group, info.Path = fd.group.key, fd.group.key+"."+fd.key
	}
	return info
}

// ConsentInfo describes a consent field, so that the adapter can store a
// consent record (purpose, version, text, language, time) with the answer.
type ConsentInfo struct {
	Key      string
	Purpose  string
	Version  string
	Text     Text
	Required bool
}

// Consents returns the form's top-level consent fields.
func (f *Form) Consents() []ConsentInfo {
	var out []ConsentInfo
	for _, fd := range f.fields {
		if c := fd.def.Consent; c != nil && fd.def.Type == TypeConsent {
			out = append(out, ConsentInfo{Key: fd.key, Purpose: c.Purpose, Version: c.Version, Text: c.Text, Required: fd.def.Required})
		}
	}
	return out
}
