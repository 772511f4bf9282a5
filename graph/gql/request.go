package gql

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"

	"github.com/alaqat/alaqat/graph"
)

// checkRequest answers a request that is not one GraphQL operation with a
// 400 (405, 415) and a message that says what is wrong, before gqlgen sees
// it: a body that is not JSON, a JSON array (a batch), fields of the wrong
// type, a method or a content type the API does not take. gqlgen's own
// answers to these are internal errors or Go type names. The body has
// been read into memory by limitBody.
func checkRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		case http.MethodPost:
		default:
			w.Header().Set("Allow", "GET, POST, OPTIONS")
			refuse(w, r, http.StatusMethodNotAllowed, fmt.Sprintf("method %s: the API takes GET and POST", r.Method))
			return
		}
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
			refuse(w, r, http.StatusUnsupportedMediaType, "send the operation as Content-Type: application/json")
			return
		}
		if msg := badBody(requestBody(r)); msg != "" {
			refuse(w, r, http.StatusBadRequest, msg)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// operation is the body of a POST: one GraphQL operation.
type operation struct {
	Query         *string         `json:"query"`
	OperationName *string         `json:"operationName"`
	Variables     json.RawMessage `json:"variables"`
	Extensions    json.RawMessage `json:"extensions"`
}

// badBody says what is wrong with a POST body, or "" if it is one
// operation that gqlgen can read.
func badBody(body []byte) string {
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return `the request has no body: send {"query": "…"}`
	case trimmed[0] == '[':
		return "batched requests are not supported: send one operation per request"
	case trimmed[0] != '{':
		return `the request body is not a JSON object: send {"query": "…"}`
	}
	var op operation
	if err := json.Unmarshal(body, &op); err != nil {
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syntax):
			return fmt.Sprintf("the request body is not valid JSON (at byte %d)", syntax.Offset)
		case errors.As(err, &typ):
			return fmt.Sprintf("field %s: expected %s", typ.Field, jsonKind(typ.Type.Kind().String()))
		}
		return "the request body is not valid JSON"
	}
	if op.Query == nil && len(op.Extensions) == 0 {
		return `the request has no query: send {"query": "…"}`
	}
	for _, f := range []struct {
		name string
		raw  json.RawMessage
	}{{"variables", op.Variables}, {"extensions", op.Extensions}} {
		if v := bytes.TrimSpace(f.raw); len(v) > 0 && v[0] != '{' && !bytes.Equal(v, []byte("null")) {
			return fmt.Sprintf("field %s: expected an object", f.name)
		}
	}
	return ""
}

// jsonKind names a Go kind as JSON calls it.
func jsonKind(kind string) string {
	switch kind {
	case "string", "ptr":
		return "a string"
	case "map", "struct":
		return "an object"
	case "slice":
		return "an array"
	}
	return "another type"
}

// refuse answers a request the API cannot take with one error, and notes
// why for the request's log line.
func refuse(w http.ResponseWriter, r *http.Request, status int, msg string) {
	code, reason := graph.EINVALID, "malformed"
	if status == http.StatusRequestEntityTooLarge {
		code, reason = "too_large", "too_large"
	}
	if n := noteOf(r.Context()); n != nil {
		n.setProblem(msg)
		n.setReason(reason)
	}
	writeError(w, status, code, msg)
}

// bodyBytes is a request body held in memory (see limitBody), which the
// layers after it may read again.
type bodyBytes struct {
	*bytes.Reader
	b []byte
}

func (b *bodyBytes) Close() error { return nil }

// requestBody returns the body limitBody read, nil if there is none.
func requestBody(r *http.Request) []byte {
	if b, ok := r.Body.(*bodyBytes); ok {
		return b.b
	}
	return nil
}

// newBody returns a body that reads b, as often as asked.
func newBody(b []byte) *bodyBytes { return &bodyBytes{Reader: bytes.NewReader(b), b: b} }
