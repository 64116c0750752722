package campaign

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// write calls the xtk:persist interface's Write, the SOAPAction Campaign
// accepts for it (never xtk:session#Write).
func (c *Client) write(ctx context.Context, doc *soap.Element) error {
	_, err := c.call(ctx, soap.Request{Service: "xtk:persist", Method: "Write",
		Params: []soap.Param{soap.Document("doc", doc)}}, callOptions{})
	return err
}

// OutcomeUnknown reports whether err leaves it open whether Campaign did the
// work: the answer was lost (connection dropped, timeout) or a gateway in
// front of Campaign answered in its place (502, 504, …). A SOAP fault, a
// refused authentication, a redirect, a throttle (429, 503) or a check of
// the client's own prove that nothing was done.
func OutcomeUnknown(err error) bool {
	var (
		transport *TransportError
		httpErr   *HTTPError
	)
	switch {
	case errors.As(err, &transport):
		return true
	case errors.As(err, &httpErr):
		return httpErr.StatusCode >= 500 && httpErr.StatusCode != http.StatusServiceUnavailable
	}
	return false
}

// Written is what a write did, as the read that follows it shows.
type Written[T any] struct {
	// Stored is the record as Campaign holds it after the write; the zero
	// value when ReadBackErr is set.
	Stored T
	// ReadBackErr: Campaign answered the write, but reading the record back
	// failed. The write is done; what Campaign stored is not verified.
	ReadBackErr error
	// AnswerLost: the write got no answer, and the read shows the record.
	// Stored tells whether it holds what was written.
	AnswerLost bool
}

// NotWrittenError: the write got no answer and the record is not on the
// instance, so nothing was written.
type NotWrittenError struct {
	What string // what got no answer: "the Write of external account \"x\""
	Err  error  // the write's error
}

func (e *NotWrittenError) Error() string {
	return fmt.Sprintf("%s got no answer, and reading shows it is not on the instance: nothing was done (%v)", e.What, e.Err)
}

func (e *NotWrittenError) Unwrap() error { return e.Err }

// UnknownOutcomeError: the write got no answer and the instance did not
// answer the read either, so whether the record was written is unknown.
// Writes are keyed by internal name (idempotent): doing the same write again
// is safe.
type UnknownOutcomeError struct {
	What    string
	Err     error // the write's error
	ReadErr error // why the read failed
}

func (e *UnknownOutcomeError) Error() string {
	return fmt.Sprintf("%s got no answer, and reading it back failed too, so whether Campaign did it is unknown: %v (read: %v)", e.What, e.Err, e.ReadErr)
}

func (e *UnknownOutcomeError) Unwrap() error { return e.Err }

// writeThenRead writes doc, then reads the record with read: after every
// write, to verify what Campaign stored (it ignores attributes it does not
// know), and to resolve a lost answer. Every write of the client is keyed by
// internal name (insertOrUpdate or delete with _key), so the transport may
// repeat it after a lost answer, and a read settles what happened:
//
//	write answered, read ok      -> Written{Stored}
//	write answered, read failed  -> Written{ReadBackErr}        (done, not verified)
//	answer lost,    read ok      -> Written{Stored, AnswerLost}  (done, or not: compare Stored)
//	answer lost,    not found    -> *NotWrittenError
//	answer lost,    read failed  -> *UnknownOutcomeError
//	refused (fault, throttle, …) -> that error, no read
func writeThenRead[T any](ctx context.Context, c *Client, what string, doc *soap.Element, read func(context.Context) (T, error)) (Written[T], error) {
	werr := c.write(ctx, doc)
	if werr != nil && !OutcomeUnknown(werr) {
		return Written[T]{}, werr
	}
	stored, rerr := read(ctx)
	switch {
	case werr == nil && rerr != nil:
		// The write is done: not an error of the write, a fact for the caller.
		return Written[T]{ReadBackErr: rerr}, nil //nolint:nilerr // see the table above
	case werr == nil:
		return Written[T]{Stored: stored}, nil
	case rerr == nil:
		c.cfg.Logger.Warn(ctx, "the answer to a Write was lost; reading the record settled the outcome", map[string]any{"record": what})
		return Written[T]{Stored: stored, AnswerLost: true}, nil
	case errors.Is(rerr, ErrNotFound):
		return Written[T]{}, &NotWrittenError{What: what, Err: werr}
	}
	return Written[T]{}, &UnknownOutcomeError{What: what, Err: werr, ReadErr: rerr}
}

// deleteRecord deletes the record of rt with that internal name (Write,
// delete, _key="@name"). A record that does not exist is not an error; after
// a lost answer, a record that reads as gone is deleted.
func (c *Client) deleteRecord(ctx context.Context, rt *RecordType, name string) error {
	err := c.write(ctx, soap.NewElement(rt.Element, "xtkschema", rt.Schema, "_operation", "delete", "_key", "@name", "name", name))
	if OutcomeUnknown(err) {
		if _, rerr := c.getRecord(ctx, rt, name, nil); errors.Is(rerr, ErrNotFound) {
			return nil
		}
	}
	return err
}

// checkNotOverwriting is the check of a create that found a record of the
// same name: one holding other values than planned (of the attributes the
// create writes) is an *ExistingRecordError; one holding them is what an
// earlier create whose answer was lost left, and may be written again.
func checkNotOverwriting(rt *RecordType, planned, existing Record, attrs []string) error {
	if diffs := storedDifferences(rt, planned, existing, attrs); len(diffs) > 0 {
		return &ExistingRecordError{Record: rt, Name: planned.Get("name"), Differences: diffs}
	}
	return nil
}

// ExistingRecordError refuses to create a record when one of the same
// internal name already holds other values (or, for an account, is of
// another type): a create never overwrites what it did not write (import it
// instead). One holding exactly the planned values is not refused: it is
// what an earlier create whose answer was lost left, and writing it again
// changes nothing.
type ExistingRecordError struct {
	Record      *RecordType
	Name        string
	OtherType   int // the @type of the existing record, when it is not the one the create writes
	Differences []AttributeDifference
}

func (e *ExistingRecordError) Error() string {
	if e.OtherType != 0 {
		return fmt.Sprintf("the instance already has an %s named %q, of another type (%d); it was not overwritten", e.Record.Kind, e.Name, e.OtherType)
	}
	var diffs []string
	for _, d := range e.Differences {
		diffs = append(diffs, fmt.Sprintf("%s (%s) is %q, the configuration says %q", d.Field.Terraform, d.Field.Path(e.Record.Schema), d.Stored, d.Wrote))
	}
	return fmt.Sprintf("the instance already has an %s named %q with other values (%s); it was not overwritten",
		e.Record.Kind, e.Name, strings.Join(diffs, "; "))
}

// RecordWrite is what a create or an update of a record did, with what
// the caller needs of it: the differences between what was written and
// what Campaign stored, and the hint to keep for the next read.
type RecordWrite struct {
	Written[Record]
	Attributes  []string // Campaign attributes written, secrets excluded
	Secret      bool     // a secret was written
	Differences []AttributeDifference
	Hint        Hint
}

// settle fills the differences and the hint of a write of rt from its
// read-back (recordType: the @type written, 0 for records without one).
func (c *Client) settle(rt *RecordType, w *RecordWrite, wrote Record, recordType int) {
	if w.Stored != nil {
		w.Differences = storedDifferences(rt, wrote, w.Stored, w.Attributes)
	}
	w.Hint = c.Hint(rt, recordType, Hint{})
}

// RecordRead is what a read of one record found, and the hint to keep for
// the next read of it.
type RecordRead struct {
	Record Record
	Hint   Hint
	// Others are, for an account, the other accounts of its type.
	Others []string
	// Groups are, for an operator, the groups it is a member of (sorted).
	Groups []string
}

// MissingAttributeError is a value the configuration sets for a field this
// build's schema does not have: Campaign would ignore it silently, so
// nothing is written.
type MissingAttributeError struct {
	Record *RecordType
	Field  Field
	Build  string // the instance's build number, when known
}

func (e *MissingAttributeError) Error() string {
	build := "this Campaign build"
	if e.Build != "" {
		build = "Campaign build " + e.Build
	}
	if e.Field.Kind == Collection {
		return fmt.Sprintf("%s has no %s in the %s schema (the provider writes %s as %s): Campaign would ignore the values without an error, so nothing was written",
			build, e.Field.Path(e.Record.Schema), e.Record.Schema, e.Field.Terraform, e.Field.Path(e.Record.Schema))
	}
	return fmt.Sprintf("%s has no %s attribute %q: Campaign would ignore the value without an error, so nothing was written", build, e.Record.Schema, e.Field.Campaign)
}

// writable checks rec against the build's schema and returns the attributes
// to write, in the order of rt: a field the build lacks is left out when its
// value is empty or in defaulted (Campaign names of values the user did not
// set), and is otherwise a *MissingAttributeError, before any write.
func (c *Client) writable(rt *RecordType, s *Schema, rec Record, defaulted map[string]bool) ([]string, error) {
	var out []string
	for _, f := range rt.Fields {
		v, set := rec[f.Campaign]
		switch {
		case !set:
			// not written (a secret left as it is)
		case s.Has(f):
			out = append(out, f.Campaign)
		case v == "" || defaulted[f.Campaign]:
			// the build lacks it and the user set nothing: leave it out
		default:
			return nil, &MissingAttributeError{Record: rt, Field: f, Build: c.build()}
		}
	}
	return out, nil
}

// recordDocument is the Write document of rec's attrs, keyed by name. A
// collection's children each carry their _operation, as XTK writes of
// collections need: insertOrUpdate for every name of rec, delete for the
// names of previous (what Campaign held) that rec no longer has.
func recordDocument(rt *RecordType, rec, previous Record, attrs []string, extra ...string) *soap.Element {
	operation := rt.WriteOperation
	if operation == "" {
		operation = "insertOrUpdate"
	}
	doc := soap.NewElement(rt.Element, append([]string{"xtkschema", rt.Schema, "_operation", operation, "_key", "@name"}, extra...)...)
	for _, a := range attrs {
		f, _ := rt.Field(a)
		if f.Kind != Collection {
			doc.SetAttr(a, rec.Get(a))
			continue
		}
		wanted := rec.List(a)
		for _, name := range wanted {
			doc.Add(soap.NewElement(f.Campaign, "_operation", "insertOrUpdate", "_key", "@"+f.Key, f.Key, name))
		}
		for _, name := range previous.List(a) {
			if !slices.Contains(wanted, name) {
				doc.Add(soap.NewElement(f.Campaign, "_operation", "delete", "_key", "@"+f.Key, f.Key, name))
			}
		}
	}
	return doc
}
