package graph

import (
	"errors"
	"fmt"
)

// Error codes a caller can act on. They map once to GraphQL error extensions
// and to CLI exit codes.
const (
	ENOTFOUND     = "not_found"
	EINVALID      = "invalid"
	EUNAUTHORIZED = "unauthorized"
	ECONFLICT     = "conflict"
	EINTERNAL     = "internal"
	// EUNAVAILABLE: the store could not be reached, or did not answer
	// within its retry budget; nothing says the request itself was wrong,
	// and it may succeed later.
	EUNAVAILABLE = "unavailable"
)

// ErrCommitUnknown is in the chain of an EUNAVAILABLE error of a write
// whose connection was lost while its commit was on the way: the commit
// may have gone through.
var ErrCommitUnknown = errors.New("the connection was lost during the commit, which may have gone through")

// Error is a domain error: a code for programs and a message for people.
type Error struct {
	Code    string
	Message string
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, or a
// generic message that reveals nothing internal.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
