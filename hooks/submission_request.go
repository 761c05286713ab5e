package hooks

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"github.com/gabriel-vasile/mimetype"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"github.com/multipotenzial/multipotenzial/forms"
)

// maxSubmissionBody bounds a registration with its documents.
const maxSubmissionBody = 60 << 20

// submitBody is the JSON of a registration; with documents it travels as the
// multipart field "payload", and each file under its form field's key.
type submitBody struct {
	Answers  map[string]any `json:"answers"`
	Language string         `json:"language"`
	Website  string         `json:"website"` // honeypot: people leave it empty
	// FormVersion is the version the person saw; a mismatch means the form
	// (and maybe its consent text) changed meanwhile: 409, reload.
	FormVersion int `json:"form_version"`
	Pow         struct {
		Challenge string `json:"challenge"`
		Nonce     string `json:"nonce"`
	} `json:"pow"`
}

// submission is a parsed registration request.
type submission struct {
	submitBody
	key   string                        // Idempotency-Key
	hash  string                        // of answers, language and files
	files map[string][]*filesystem.File // field path (key or group[i].key) → uploaded files
}

var idempotencyKeyPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{8,100}$`)

// readSubmission parses the request; a problem comes back as a field error.
func readSubmission(e *core.RequestEvent, f *forms.Form) (*submission, forms.FieldErrors) {
	sub := &submission{key: e.Request.Header.Get("Idempotency-Key"), files: map[string][]*filesystem.File{}}
	if !idempotencyKeyPattern.MatchString(sub.key) {
		return nil, forms.FieldErrors{forms.FormPath: {Code: "idempotency_key_required",
			Message: "The Idempotency-Key header (8–100 letters, digits, - or _) is required."}}
	}
	invalid := forms.FieldErrors{forms.FormPath: {Code: "request_invalid_json", Message: "The request body is not valid JSON."}}
	if strings.HasPrefix(e.Request.Header.Get("Content-Type"), "multipart/form-data") {
		if err := e.Request.ParseMultipartForm(8 << 20); err != nil {
			return nil, invalid
		}
		if err := json.Unmarshal([]byte(e.Request.FormValue("payload")), &sub.submitBody); err != nil {
			return nil, invalid
		}
		for path := range e.Request.MultipartForm.File {
			if _, _, ok := fileField(f, path); !ok {
				return nil, forms.FieldErrors{path: {Code: forms.CodeUnknownField, Message: "No file field has this name."}}
			}
			if files, err := e.FindUploadedFiles(path); err == nil && len(files) > 0 {
				sub.files[path] = files
			}
		}
	} else if err := e.BindBody(&sub.submitBody); err != nil {
		return nil, invalid
	}
	if sub.Answers == nil {
		sub.Answers = map[string]any{}
	}
	sub.hash = requestHash(sub)
	return sub, nil
}

// requestHash fingerprints what was asked, so a reused idempotency key with
// another request is refused rather than silently answered with the first.
func requestHash(sub *submission) string {
	type fileFP struct {
		Name string `json:"n"`
		Size int64  `json:"s"`
	}
	files := map[string][]fileFP{}
	for k, fs := range sub.files {
		for _, f := range fs {
			files[k] = append(files[k], fileFP{f.OriginalName, f.Size})
		}
	}
	raw, _ := json.Marshal(map[string]any{"a": sub.Answers, "l": sub.Language, "f": files})
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}

// attachFiles puts the stored names of uploaded files into the answers of
// their fields (a file answer is the list of its files; a file in a repeat
// group row travels as group[i].key) and checks each file against the
// field's accepted types and size.
func attachFiles(sub *submission, f *forms.Form) forms.FieldErrors {
	fileError := func(code string) forms.FieldError {
		return forms.FieldError{Code: code, Message: forms.BuiltinMessage(sub.Language, code)}
	}
	errs := forms.FieldErrors{}
	for path, files := range sub.files {
		fd, target, _ := fileField(f, path)
		names := make([]any, 0, len(files))
		for _, file := range files {
			if fd.MaxSizeMB != nil && float64(file.Size) > *fd.MaxSizeMB*(1<<20) {
				errs[path] = fileError(forms.CodeFileTooLarge)
				break
			}
			if len(fd.Accept) > 0 && !mimeAccepted(file, fd.Accept) {
				errs[path] = fileError(forms.CodeFileType)
				break
			}
			names = append(names, file.Name)
		}
		if !target.set(sub.Answers, names) {
			errs[path] = forms.FieldError{Code: forms.CodeUnknownField, Message: "There is no such row for this file."}
		}
	}
	return errs
}

// answerPath is where a file answer goes: a top-level key, or a key in row
// Row of repeat group Group.
type answerPath struct {
	Group, Key string
	Row        int
}

var rowFilePath = regexp.MustCompile(`^([a-z][a-z0-9_]*)\[(\d{1,3})\]\.([a-z][a-z0-9_]*)$`)

// fileField resolves a multipart name to its file field definition.
func fileField(f *forms.Form, name string) (forms.Field, answerPath, bool) {
	group, row, key := "", 0, name
	if m := rowFilePath.FindStringSubmatch(name); m != nil {
		group, key = m[1], m[3]
		row, _ = strconv.Atoi(m[2])
	}
	for _, sec := range f.Definition().Sections {
		for _, fd := range sec.Fields {
			if group == "" && fd.Key == key && fd.Type == forms.TypeFile {
				return fd, answerPath{Key: key}, true
			}
			if group != "" && fd.Key == group && fd.Type == forms.TypeRepeat {
				for _, sf := range fd.Fields {
					if sf.Key == key && sf.Type == forms.TypeFile {
						return sf, answerPath{Group: group, Row: row, Key: key}, true
					}
				}
			}
		}
	}
	return forms.Field{}, answerPath{}, false
}

// set stores v at p in answers; false when the row does not exist.
func (p answerPath) set(answers map[string]any, v any) bool {
	if p.Group == "" {
		answers[p.Key] = v
		return true
	}
	rows, _ := answers[p.Group].([]any)
	if p.Row >= len(rows) {
		return false
	}
	row, ok := rows[p.Row].(map[string]any)
	if ok {
		row[p.Key] = v
	}
	return ok
}

func mimeAccepted(file *filesystem.File, accept []string) bool {
	r, err := file.Reader.Open()
	if err != nil {
		return false
	}
	defer r.Close()
	mt, err := mimetype.DetectReader(r)
	if err != nil {
		return false
	}
	for _, a := range accept {
		if mt.Is(a) {
			return true
		}
	}
	return false
}
