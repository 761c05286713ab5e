package hooks

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"
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
	Pow      struct {
		Challenge string `json:"challenge"`
		Nonce     string `json:"nonce"`
	} `json:"pow"`
}

// submission is a parsed registration request.
type submission struct {
	submitBody
	key   string                        // Idempotency-Key
	hash  string                        // of answers, language and files
	files map[string][]*filesystem.File // form field key → uploaded files
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
		for _, info := range f.Fields() {
			if info.Type != forms.TypeFile || info.InRepeat() {
				continue
			}
			if files, err := e.FindUploadedFiles(info.Key); err == nil && len(files) > 0 {
				sub.files[info.Key] = files
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
// their fields (a file answer is the list of its files) and checks each file
// against the field's accepted types and size.
func attachFiles(sub *submission, f *forms.Form) forms.FieldErrors {
	errs := forms.FieldErrors{}
	for key, files := range sub.files {
		accept, maxBytes := fileLimits(f, key)
		names := make([]any, 0, len(files))
		for _, file := range files {
			if maxBytes > 0 && file.Size > maxBytes {
				errs[key] = forms.FieldError{Code: "validation_file_too_large", Message: "The file is too large."}
				break
			}
			if len(accept) > 0 && !mimeAccepted(file, accept) {
				errs[key] = forms.FieldError{Code: "validation_file_type", Message: "This type of file is not accepted."}
				break
			}
			names = append(names, file.Name)
		}
		sub.Answers[key] = names
	}
	return errs
}

// fileLimits returns a top-level file field's accepted types and size limit
// (uploads inside repeat groups are not supported).
func fileLimits(f *forms.Form, key string) ([]string, int64) {
	for _, sec := range f.Definition().Sections {
		for _, fd := range sec.Fields {
			if fd.Key == key {
				var max int64
				if fd.MaxSizeMB != nil {
					max = int64(*fd.MaxSizeMB * (1 << 20))
				}
				return fd.Accept, max
			}
		}
	}
	return nil, 0
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
