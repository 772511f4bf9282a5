package gazetteer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/alaqat/alaqat/graph"
)

// A watch-list is an analyst's YAML (or JSON) file of persons,
// organizations, offices and countries to add to the gazetteer:
//
//	persons:
//	  - names_en: [Said al-Harthy]
//	    names_ar: [سعيد الحارثي]
//	    office: Minister of Transport
//	    country: OM
//	organizations:
//	  - names: [Falcon Works, فالكون ووركس]
//	    kind: company
//	    country: Oman
//	countries:
//	  - iso2: OM
//	    names_en: [Sultanate of Oman]
//
// Every section and field is optional except as noted in WatchPerson,
// WatchOrganization, WatchOffice and WatchCountry.

// WatchList is the content of a watch-list file.
type WatchList struct {
	Persons       []WatchPerson       `yaml:"persons"`
	Organizations []WatchOrganization `yaml:"organizations"`
	Offices       []WatchOffice       `yaml:"offices"`
	Countries     []WatchCountry      `yaml:"countries"`
}

// WatchPerson is a person to recognise: at least one English name (in
// names_en, or among names, which may mix both scripts). id defaults to
// the first English name in lower case with dashes; country is an ISO
// code or a country's name; office is their office, in English.
type WatchPerson struct {
	ID      string   `yaml:"id"`
	Names   []string `yaml:"names"`
	NamesEN []string `yaml:"names_en"`
	NamesAR []string `yaml:"names_ar"`
	Office  string   `yaml:"office"`
	Country string   `yaml:"country"`
}

// WatchOrganization is an organization to recognise: a name and a kind
// (company, ministry, armed_force, agency, international, other); id and
// country as for persons.
type WatchOrganization struct {
	ID      string   `yaml:"id"`
	Names   []string `yaml:"names"`
	NamesEN []string `yaml:"names_en"`
	NamesAR []string `yaml:"names_ar"`
	Kind    string   `yaml:"kind"`
	Country string   `yaml:"country"`
}

// WatchOffice is an office title (title, its canonical English form, is
// required) with other English and Arabic forms and the body it belongs
// to.
type WatchOffice struct {
	Title   string   `yaml:"title"`
	FormsEN []string `yaml:"forms_en"`
	FormsAR []string `yaml:"forms_ar"`
	OrgEN   string   `yaml:"organization_en"`
	OrgAR   string   `yaml:"organization_ar"`
}

// WatchCountry adds names to a country the gazetteer knows (by iso2), or
// a country it does not know (then with names in both languages).
type WatchCountry struct {
	ISO2       string   `yaml:"iso2"`
	ISO3       string   `yaml:"iso3"`
	Names      []string `yaml:"names"`
	NamesEN    []string `yaml:"names_en"`
	NamesAR    []string `yaml:"names_ar"`
	DemonymsEN []string `yaml:"demonyms_en"`
	DemonymsAR []string `yaml:"demonyms_ar"`
	CitiesEN   []string `yaml:"cities_en"`
	CitiesAR   []string `yaml:"cities_ar"`
}

// IsWatchList reports whether a file name is a watch-list's: .yaml, .yml
// or .json.
func IsWatchList(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// WithExtraPath returns a new gazetteer of the embedded data and an
// analyst's additions at path: a watch-list file (YAML or JSON), or a
// folder of TSV files of the embedded shapes (see WithExtra) and
// watch-list files, read in name order. Errors name the file and line.
func WithExtraPath(path string) (*Gazetteer, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	if !info.IsDir() {
		if !IsWatchList(path) {
			return nil, fmt.Errorf("gazetteer: %s: want a .yaml, .yml or .json watch-list, or a folder", path)
		}
		sub, _ := fs.Sub(data, "data")
		g, err := Load(sub)
		if err != nil {
			return nil, err
		}
		if err := g.AddFile(path); err != nil {
			return nil, err
		}
		return g, nil
	}
	g, err := WithExtra(path)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	for _, e := range entries {
		if !e.IsDir() && IsWatchList(e.Name()) && !strings.HasPrefix(e.Name(), ".") {
			if err := g.AddFile(filepath.Join(path, e.Name())); err != nil {
				return nil, err
			}
		}
	}
	return g, nil
}

// AddFile reads a watch-list file into g. A file that does not parse, or
// an entry that is incomplete or names an unknown country or kind, is an
// error naming the file, the line and the field; nothing of a bad file is
// added.
func (g *Gazetteer) AddFile(path string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	return g.AddWatchList(path, src)
}

// AddWatchList reads a watch-list's source (YAML or JSON) into g; name is
// the file name for errors.
func (g *Gazetteer) AddWatchList(name string, src []byte) error {
	if !strings.HasSuffix(name, ":") {
		name += ":"
	}
	errorf := func(line int, field, format string, args ...any) error {
		msg := fmt.Sprintf(format, args...)
		if field != "" {
			msg = field + ": " + msg
		}
		return fmt.Errorf("gazetteer: %s%d: %s", name, line, msg)
	}
	file, err := parser.ParseBytes(src, 0)
	if err != nil {
		return yamlError(name, err)
	}
	var root *ast.MappingNode
	for _, doc := range file.Docs {
		if doc.Body == nil {
			continue
		}
		m, ok := unwrap(doc.Body).(*ast.MappingNode)
		if !ok || root != nil {
			return errorf(doc.Body.GetToken().Position.Line, "", "want one mapping of persons, organizations, offices and countries")
		}
		root = m
	}
	if root == nil {
		return nil // an empty file adds nothing
	}
	// Decode every entry first, so that a bad file adds nothing.
	var adds []func() error
	for _, kv := range root.Values {
		section := strings.Trim(kv.Key.String(), `"'`)
		if k, ok := kv.Key.(*ast.StringNode); ok {
			section = k.Value
		}
		items, ok := unwrap(kv.Value).(*ast.SequenceNode)
		if _, null := kv.Value.(*ast.NullNode); null {
			continue
		}
		if !ok {
			return errorf(kv.Value.GetToken().Position.Line, section, "want a list")
		}
		for i, item := range items.Values {
			line := item.GetToken().Position.Line
			field := fmt.Sprintf("%s[%d]", section, i+1)
			fail := func(sub, format string, args ...any) error {
				f := field
				if sub != "" {
					f += "." + sub
				}
				return errorf(line, f, format, args...)
			}
			var add func() error
			var err error
			switch section {
			case "persons":
				var p WatchPerson
				if err = decode(item, &p); err == nil {
					add, err = g.person(p, fail)
				}
			case "organizations":
				var o WatchOrganization
				if err = decode(item, &o); err == nil {
					add, err = g.organization(o, fail)
				}
			case "offices":
				var o WatchOffice
				if err = decode(item, &o); err == nil {
					add, err = g.office(o, fail)
				}
			case "countries":
				var c WatchCountry
				if err = decode(item, &c); err == nil {
					add, err = g.country(c, fail)
				}
			default:
				return errorf(kv.Key.GetToken().Position.Line, section, "unknown section (want persons, organizations, offices or countries)")
			}
			if err != nil {
				var ye yaml.Error
				if errors.As(err, &ye) {
					return fmt.Errorf("gazetteer: %s%d: %s: %s", name, ye.GetToken().Position.Line, field, oneLine(ye.GetMessage()))
				}
				return err
			}
			adds = append(adds, add)
		}
	}
	for _, add := range adds {
		if err := add(); err != nil {
			return fmt.Errorf("gazetteer: %s %w", name, err)
		}
	}
	return nil
}

// unwrap returns the node under tags and anchors.
func unwrap(n ast.Node) ast.Node {
	for {
		switch x := n.(type) {
		case *ast.TagNode:
			n = x.Value
		case *ast.AnchorNode:
			n = x.Value
		default:
			return n
		}
	}
}

func decode(n ast.Node, v any) error {
	return yaml.NodeToValue(n, v, yaml.DisallowUnknownField())
}

// yamlError turns a parse error into one line naming the file and line.
func yamlError(name string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		return fmt.Errorf("gazetteer: %s%d: %s", name, ye.GetToken().Position.Line, oneLine(ye.GetMessage()))
	}
	return fmt.Errorf("gazetteer: %s %s", name, oneLine(err.Error()))
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// countryCode resolves what a watch-list gives as a country: an ISO2 or
// ISO3 code, or one of the country's names.
func (g *Gazetteer) countryCode(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	if c, ok := g.Countries[strings.ToUpper(s)]; ok {
		return c.ISO2, true
	}
	f := graph.Fold(s)
	for _, c := range g.Countries {
		if strings.EqualFold(c.ISO3, s) {
			return c.ISO2, true
		}
		for _, n := range slices.Concat(c.NamesEN, c.NamesAR) {
			if graph.Fold(n) == f {
				return c.ISO2, true
			}
		}
	}
	return "", false
}

// byScript splits names into English (Latin) and Arabic ones, checking
// each.
func byScript(names, en, ar []string) (outEN, outAR []string, bad string) {
	outEN, outAR = slices.Clone(en), slices.Clone(ar)
	for _, n := range names {
		if isArabic(n) {
			outAR = append(outAR, n)
		} else {
			outEN = append(outEN, n)
		}
	}
	for _, n := range slices.Concat(outEN, outAR) {
		if strings.TrimSpace(n) == "" || strings.ContainsAny(n, ";\t\n") {
			return nil, nil, n
		}
	}
	return outEN, outAR, ""
}

func isArabic(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.Is(unicode.Arabic, r)
		}
	}
	return false
}

// slug makes an id from a name: lower-case letters and digits joined by
// dashes.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

type failFunc func(field, format string, args ...any) error

func (g *Gazetteer) person(p WatchPerson, fail failFunc) (func() error, error) {
	en, ar, bad := byScript(p.Names, p.NamesEN, p.NamesAR)
	switch {
	case bad != "":
		return nil, fail("names", "bad name %q (empty, or holding ; or a tab)", bad)
	case len(en) == 0:
		return nil, fail("names_en", "a person needs an English name")
	}
	code, ok := g.countryCode(p.Country)
	if !ok {
		return nil, fail("country", "unknown country %q (give its ISO2 code, or add it under countries)", p.Country)
	}
	id := cmpOr(p.ID, slug(en[0]))
	if id == "" {
		return nil, fail("id", "cannot make an id of %q", en[0])
	}
	return func() error {
		return g.addPerson([]string{id, code, strings.TrimSpace(p.Office), strings.Join(en, ";"), strings.Join(ar, ";")})
	}, nil
}

func (g *Gazetteer) organization(o WatchOrganization, fail failFunc) (func() error, error) {
	en, ar, bad := byScript(o.Names, o.NamesEN, o.NamesAR)
	switch {
	case bad != "":
		return nil, fail("names", "bad name %q (empty, or holding ; or a tab)", bad)
	case len(en)+len(ar) == 0:
		return nil, fail("names", "an organization needs a name")
	}
	switch graph.OrgKind(o.Kind) {
	case graph.OrgCompany, graph.OrgMinistry, graph.OrgArmedForce, graph.OrgAgency, graph.OrgInternational, graph.OrgOther:
	default:
		return nil, fail("kind", "unknown kind %q (want company, ministry, armed_force, agency, international or other)", o.Kind)
	}
	code, ok := g.countryCode(o.Country)
	if !ok {
		return nil, fail("country", "unknown country %q (give its ISO2 code, or add it under countries)", o.Country)
	}
	id := cmpOr(o.ID, slug(slices.Concat(en, ar)[0]))
	if id == "" {
		return nil, fail("id", "cannot make an id of %q", slices.Concat(en, ar)[0])
	}
	return func() error {
		return g.addOrganization([]string{id, o.Kind, code, strings.Join(en, ";"), strings.Join(ar, ";")})
	}, nil
}

func (g *Gazetteer) office(o WatchOffice, fail failFunc) (func() error, error) {
	if strings.TrimSpace(o.Title) == "" {
		return nil, fail("title", "an office needs a title")
	}
	if _, _, bad := byScript(nil, o.FormsEN, o.FormsAR); bad != "" {
		return nil, fail("forms", "bad form %q (empty, or holding ; or a tab)", bad)
	}
	return func() error {
		return g.addOffice([]string{strings.TrimSpace(o.Title), strings.Join(o.FormsEN, ";"), strings.Join(o.FormsAR, ";"), o.OrgEN, o.OrgAR})
	}, nil
}

func (g *Gazetteer) country(c WatchCountry, fail failFunc) (func() error, error) {
	iso2 := strings.ToUpper(strings.TrimSpace(c.ISO2))
	if len(iso2) != 2 {
		return nil, fail("iso2", "a country needs its two-letter ISO code, not %q", c.ISO2)
	}
	en, ar, bad := byScript(c.Names, c.NamesEN, c.NamesAR)
	if bad != "" {
		return nil, fail("names", "bad name %q (empty, or holding ; or a tab)", bad)
	}
	for _, l := range [][]string{c.DemonymsEN, c.DemonymsAR, c.CitiesEN, c.CitiesAR} {
		if _, _, bad := byScript(nil, l, nil); bad != "" {
			return nil, fail("", "bad name %q (empty, or holding ; or a tab)", bad)
		}
	}
	known := g.Countries[iso2]
	if known == nil {
		if len(en) == 0 || len(ar) == 0 {
			return nil, fail("names", "%s is not a country the gazetteer knows: give its names in English and Arabic", iso2)
		}
		return func() error {
			return g.addCountry([]string{iso2, strings.ToUpper(c.ISO3), strings.Join(en, ";"), strings.Join(ar, ";"),
				strings.Join(c.DemonymsEN, ";"), strings.Join(c.DemonymsAR, ";"), strings.Join(c.CitiesEN, ";"), strings.Join(c.CitiesAR, ";")})
		}, nil
	}
	// More names for a known country: added to it, its other names kept.
	return func() error {
		for _, x := range []struct {
			names []string
			to    *[]string
			e     Entry
		}{
			{en, &known.NamesEN, Entry{Type: CountryName, Country: known}},
			{ar, &known.NamesAR, Entry{Type: CountryName, Country: known}},
			{c.DemonymsEN, &known.DemonymsEN, Entry{Type: Demonym, Country: known}},
			{c.DemonymsAR, &known.DemonymsAR, Entry{Type: Demonym, Country: known}},
		} {
			for _, n := range x.names {
				if !slices.Contains(*x.to, n) {
					*x.to = append(*x.to, n)
					g.phrase(n, x.e)
				}
			}
		}
		for _, n := range c.CitiesEN {
			known.CitiesEN = append(known.CitiesEN, n)
			g.phrase(n, Entry{Type: City, Country: known, City: n})
		}
		for i, n := range c.CitiesAR {
			// The English name at the same place, else the capital's.
			city := known.capital()
			if i < len(c.CitiesEN) {
				city = c.CitiesEN[i]
			}
			known.CitiesAR = append(known.CitiesAR, n)
			g.phrase(n, Entry{Type: City, Country: known, City: city})
		}
		return nil
	}, nil
}

func (c *Country) capital() string {
	if len(c.CitiesEN) > 0 {
		return c.CitiesEN[0]
	}
	return ""
}

func cmpOr(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return strings.TrimSpace(a)
	}
	return b
}
