package graph

import (
	"context"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// CorrectionOp is what an analyst's correction does.
type CorrectionOp string

// The corrections analysts make.
const (
	// OpMerge makes Source part of Target: every claim of Source is a
	// claim of Target, and Source is gone.
	OpMerge CorrectionOp = "merge"
	// OpAlias adds Name to Target's names, so that search finds it.
	OpAlias CorrectionOp = "alias"
	// OpUnalias removes Name from Target's names, whatever articles say.
	OpUnalias CorrectionOp = "unalias"
	// OpRename makes Name the preferred name of Target (in its script).
	OpRename CorrectionOp = "rename"
	// OpReject withdraws a fact: Target is a node id or an edge key (see
	// Edge.Key); with Article, only that article's claim of it.
	OpReject CorrectionOp = "reject"
	// OpUndo takes back the correction whose id is Target.
	OpUndo CorrectionOp = "undo"
)

// MarshalGQL writes the GraphQL enum value (CorrectionOp).
func (op CorrectionOp) MarshalGQL(w io.Writer) { writeEnum(w, string(op), string(OpMerge)) }

// UnmarshalGQL reads a GraphQL CorrectionOp.
func (op *CorrectionOp) UnmarshalGQL(v any) error {
	s, err := readEnum(v, "CorrectionOp", []string{"merge", "alias", "unalias", "rename", "reject", "undo"})
	*op = CorrectionOp(s)
	return err
}

// CorrectionOps lists the operations in a fixed order.
var CorrectionOps = []CorrectionOp{OpMerge, OpAlias, OpUnalias, OpRename, OpReject, OpUndo}

// Correction is an analyst's change to the graph. Corrections are kept as
// claims of their own, apart from the articles' claims, so that importing
// or extracting an article again leaves them in force: a merge or a
// rejection is applied whenever the articles it touches are stored, names
// whenever the entity is read. Undo takes one back; nothing is ever
// deleted.
type Correction struct {
	ID      string       // "correction:N", given by the store
	Seq     int64        // N: corrections apply in this order
	Op      CorrectionOp // what it does
	Target  string       // the entity (merge: the one kept), the fact (reject) or the correction (undo)
	Source  string       `json:",omitempty"` // merge: the entity merged into Target
	Name    string       `json:",omitempty"` // alias, unalias, rename
	Article string       `json:",omitempty"` // reject: only this article's claim
	Reason  string       `json:",omitempty"`
	Author  string       // who made it: the name that goes with the token used
	At      time.Time    // when, in UTC
	Undone  bool         `json:"-"` // taken back by a later undo (stores work it out)
}

// Holdings answers what a store holds, for Correction.Check.
type Holdings interface {
	// HasEntity reports whether the graph holds entity id.
	HasEntity(ctx context.Context, id string) (bool, error)
	// HasFact reports whether an entity id or an edge's key (e) is
	// claimed, by article when it is not "".
	HasFact(ctx context.Context, fact string, e *Edge, article string) (bool, error)
	// HasCorrection reports whether correction number seq was made.
	HasCorrection(ctx context.Context, seq int64) (bool, error)
}

// Check makes sure a valid correction names what the store holds: the
// entities it merges or names, the fact it rejects (in the article it
// names), the correction it undoes. What is missing is ENOTFOUND.
func (c *Correction) Check(ctx context.Context, h Holdings) error {
	entity := func(id string) error {
		ok, err := h.HasEntity(ctx, id)
		if err == nil && !ok {
			err = Errorf(ENOTFOUND, "no entity %q", id)
		}
		return err
	}
	switch c.Op {
	case OpMerge:
		if err := entity(c.Target); err != nil {
			return err
		}
		return entity(c.Source)
	case OpAlias, OpUnalias, OpRename:
		return entity(c.Target)
	case OpReject:
		var e *Edge
		if edge, isEdge := ParseEdgeKey(c.Target); isEdge {
			e = &edge
		}
		ok, err := h.HasFact(ctx, c.Target, e, c.Article)
		switch {
		case err != nil || ok:
			return err
		case c.Article != "":
			return Errorf(ENOTFOUND, "article %q makes no claim %q", c.Article, c.Target)
		}
		return Errorf(ENOTFOUND, "no fact %q in the graph", c.Target)
	case OpUndo:
		seq, err := strconv.ParseInt(strings.TrimPrefix(c.Target, "correction:"), 10, 64)
		if err != nil {
			return Errorf(EINVALID, "%q is not a correction id", c.Target)
		}
		ok, err := h.HasCorrection(ctx, seq)
		if err == nil && !ok {
			err = Errorf(ENOTFOUND, "no correction %q", c.Target)
		}
		return err
	}
	return nil
}

// maxCorrectionText bounds the text fields of a correction.
const maxCorrectionText = 2000

// Validate checks that a correction is well-formed: it says nothing of
// whether its entities exist, which the store checks.
func (c *Correction) Validate() error {
	if !slices.Contains(CorrectionOps, c.Op) {
		return Errorf(EINVALID, "unknown correction %q", c.Op)
	}
	for _, s := range []string{c.Target, c.Source, c.Name, c.Article, c.Reason, c.Author} {
		if len(s) > maxCorrectionText {
			return Errorf(EINVALID, "a correction's text is longer than %d bytes", maxCorrectionText)
		}
	}
	if strings.TrimSpace(c.Target) == "" {
		return Errorf(EINVALID, "a %s needs what it applies to", c.Op)
	}
	switch c.Op {
	case OpMerge:
		switch {
		case c.Source == "":
			return Errorf(EINVALID, "a merge needs the entity to merge")
		case c.Source == c.Target:
			return Errorf(EINVALID, "cannot merge %s into itself", c.Target)
		case KindOf(c.Source) != KindOf(c.Target) || !KindOf(c.Target).Valid():
			return Errorf(EINVALID, "cannot merge %s into %s: entities of one kind only", c.Source, c.Target)
		}
	case OpAlias, OpUnalias, OpRename:
		if strings.TrimSpace(c.Name) == "" {
			return Errorf(EINVALID, "a %s needs a name", c.Op)
		}
		if !KindOf(c.Target).Valid() {
			return Errorf(EINVALID, "%q is not an entity id", c.Target)
		}
	case OpReject:
		if _, isEdge := ParseEdgeKey(c.Target); !isEdge && !KindOf(c.Target).Valid() {
			return Errorf(EINVALID, "%q is neither an entity id nor a relation", c.Target)
		}
		if c.Article != "" && !strings.HasPrefix(c.Article, "article:") {
			return Errorf(EINVALID, "%q is not an article id", c.Article)
		}
	case OpUndo:
		if !strings.HasPrefix(c.Target, "correction:") {
			return Errorf(EINVALID, "%q is not a correction id", c.Target)
		}
	}
	return nil
}

// Active works out which corrections are in force: it sets Undone on
// those an undo (itself in force) takes back, walking from the newest, and
// returns the corrections other than undos that remain, oldest first.
func Active(all []Correction) []Correction {
	slices.SortFunc(all, func(a, b Correction) int { return int(a.Seq - b.Seq) })
	undone := map[string]bool{}
	for i := len(all) - 1; i >= 0; i-- {
		c := &all[i]
		c.Undone = undone[c.ID]
		if c.Op == OpUndo && !c.Undone {
			undone[c.Target] = true
		}
	}
	var out []Correction
	for _, c := range all {
		if c.Op != OpUndo && !c.Undone {
			out = append(out, c)
		}
	}
	return out
}

// Overlay applies the active corrections that change how an entity reads
// (aliases, names taken away, renames) to a node merged from the
// articles' claims.
func Overlay(n *Node, active []Correction) {
	for _, c := range active {
		if c.Target != n.ID {
			continue
		}
		switch c.Op {
		case OpAlias:
			n.AddName(c.Name)
		case OpUnalias:
			f := Fold(c.Name)
			n.Names = slices.DeleteFunc(n.Names, func(x Name) bool { return Fold(x.Text) == f })
			if Fold(n.Name) == f {
				n.Name = ""
				for _, x := range n.Names {
					if n.Name == "" || (LangOf(n.Name) != English && x.Lang == English) {
						n.Name = x.Text
					}
				}
			}
		case OpRename:
			// First among the names of its script, so that NameIn finds it.
			name := strings.TrimSpace(c.Name)
			n.Names = slices.DeleteFunc(n.Names, func(x Name) bool { return x.Text == name })
			n.Names = slices.Insert(n.Names, 0, Name{Text: name, Lang: LangOf(name)})
			if LangOf(name) == English || LangOf(n.Name) == LangOf(name) || n.Name == "" {
				n.Name = name
			}
			if n.Kind == KindAgreement || n.Kind == KindMeeting {
				n.Title = n.Name
			}
		}
	}
}

// IsAbout reports whether c is about id: id is its Target or Source, or
// one end of the edge its Target names (rejecting PARTY_TO|country:DE|X
// is about Germany and about X too).
func (c Correction) IsAbout(id string) bool {
	if c.Target == id || c.Source == id {
		return true
	}
	e, ok := ParseEdgeKey(c.Target)
	return ok && (e.From == id || e.To == id)
}

// CorrectionQuery selects corrections: those after the one with sequence
// number After, about an entity or fact (About: see Correction.IsAbout),
// at most Limit (all if 0), oldest first.
type CorrectionQuery struct {
	After int64
	About string
	Limit int
}

// Select applies q to every correction a store holds, working out which
// are undone.
func (q CorrectionQuery) Select(all []Correction) []Correction {
	Active(all)
	var out []Correction
	for _, c := range all {
		if c.Seq <= q.After || (q.About != "" && !c.IsAbout(q.About)) {
			continue
		}
		if q.Limit > 0 && len(out) == q.Limit {
			break
		}
		out = append(out, c)
	}
	return out
}

// Same reports whether two corrections do the same thing, whoever made
// them and why.
func (c Correction) Same(o Correction) bool {
	return c.Op == o.Op && c.Target == o.Target && c.Source == o.Source &&
		strings.TrimSpace(c.Name) == strings.TrimSpace(o.Name) && c.Article == o.Article
}
