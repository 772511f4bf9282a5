// Command loader imports news articles into Alaqat's graph, or shows what it
// would extract from one article without storing anything.
//
//	loader import [--db URL] PATH…
//	loader extract [--json] FILE
//	loader delete [--db URL] ID…
//	loader stats [--db URL]
//	loader eval --gold DIR [--json]
//	loader export [--db URL] [--format jsonl|graphml|csv] [--out DIR]
//	loader copy --from URL --to URL
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/alaqat/alaqat/cmd/internal/backend"
	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/loader"
	"github.com/alaqat/alaqat/loader/extract"
)

const usage = `loader imports news articles into Alaqat's knowledge graph.

Usage:
  loader import [--db URL] PATH…   extract and store articles (files, folders, globs, - for stdin)
  loader extract [--json] FILE     print what one article yields, storing nothing
  loader delete [--db URL] ID…     remove articles and every fact only they support
  loader eval --gold DIR [--json]  score the extractor against annotated articles
  loader stats [--db URL]          count what the store holds
  loader export [--format F] [--out DIR]  write the graph out: jsonl (import reads it back), graphml, csv (neo4j-admin)
  loader copy --from URL --to URL  copy every article and its facts to another store (SQLite ⇄ Neo4j)

Run "loader COMMAND --help" for a command's flags and an example, and
"loader help gazetteer" for the analysts' watch-list format (--gazetteer).
`

const gazetteerHelp = `The --gazetteer flag of import, extract and eval (and of the server) adds an
analyst's own names to the built-in gazetteer: a watch-list file, YAML or
JSON, or a folder of such files and TSV files of the built-in shapes
(loader/gazetteer/data). $ALAQAT_GAZETTEER sets the default.

A watch-list has up to four sections, each a list; only the fields marked
required must be given:

  persons:
    - names_en: [Said al-Harthy]        # required: at least one English name
      names_ar: [سعيد الحارثي]
      office: Minister of Transport     # their office, in English
      country: OM                       # ISO2 or ISO3 code, or the country's name
      id: said-al-harthy                # default: made from the first English name
  organizations:
    - names: [Falcon Works, فالكون ووركس] # required; names may mix both scripts
      kind: company                     # required: company, ministry, armed_force,
                                        #   agency, international or other
      country: Oman
  offices:
    - title: Minister of Ports          # required: the canonical English title
      forms_en: [Ports Minister]
      forms_ar: [وزير الموانئ]
      organization_en: Ministry of Ports
      organization_ar: وزارة الموانئ
  countries:
    - iso2: OM                          # required; a known country gets more names,
      names_en: [Sultanate of Oman]     #   a new one needs names in both languages
      names_ar: [سلطنة عمان]
      demonyms_en: [Omani]
      cities_en: [Duqm]
      cities_ar: [الدقم]

A file that does not parse, an unknown field, and an entry without a name,
with an unknown kind or country, are errors naming the file, the line and
the field (organizations[2].kind); nothing is imported then.

Example:
  loader import --gazetteer watchlist.yaml ~/news/
`

// Exit codes.
const (
	exitOK     = 0
	exitFailed = 1 // some input failed; the rest was imported
	exitUsage  = 2
	exitFatal  = 3 // nothing could be done (store unreachable …)
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "import":
		return runImport(ctx, args[1:], stdin, stdout, stderr)
	case "extract":
		return runExtract(args[1:], stdin, stdout, stderr)
	case "delete":
		return runDelete(ctx, args[1:], stdout, stderr)
	case "eval":
		return runEval(args[1:], stdout, stderr)
	case "stats":
		return runStats(ctx, args[1:], stdout, stderr)
	case "export":
		return runExport(ctx, args[1:], stdout, stderr)
	case "copy":
		return runCopy(ctx, args[1:], stdout, stderr)
	case "-h", "--help", "help":
		if len(args) > 1 && args[1] == "gazetteer" {
			fmt.Fprint(stdout, gazetteerHelp)
			return exitOK
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "loader: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

func runImport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", backend.DefaultDB(), backend.Usage)
	gaz := fs.String("gazetteer", os.Getenv("ALAQAT_GAZETTEER"), backend.GazetteerUsage)
	quiet := fs.Bool("q", false, "no progress bar")
	verbose := fs.Bool("v", false, "print a line per article")
	if code, ok := parse(fs, args, importHelp); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "loader import: no paths given (use - for standard input)")
		return exitUsage
	}
	store, err := backend.Open(ctx, *db)
	if err != nil {
		fmt.Fprintf(stderr, "loader import: %v\n", err)
		return exitFatal
	}
	defer store.Close()
	x, err := backend.Extractor(*gaz)
	if err != nil {
		fmt.Fprintf(stderr, "loader import: %v\n", err)
		return exitFatal
	}
	opt := loader.Options{Stdin: stdin, Extractor: x}
	var b *bar
	if !*quiet {
		b = newBar(stderr)
	}
	if b != nil || *verbose {
		opt.Progress = func(p loader.Progress) {
			if *verbose && p.Article != "" {
				if b != nil {
					b.clear()
				}
				if p.Same {
					fmt.Fprintf(stdout, "unchanged %s (%s)\n", p.Article, p.ID)
				} else {
					fmt.Fprintf(stdout, "imported %s (%s)\n", p.Article, p.ID)
				}
			}
			if b != nil {
				b.update(p)
			}
		}
	}
	rep, err := loader.Import(ctx, store, fs.Args(), opt)
	if b != nil {
		b.clear()
	}
	printImport(stdout, stderr, rep)
	if err != nil {
		fmt.Fprintf(stderr, "loader import: stopped: %v\n", err)
		return exitFailed
	}
	if len(rep.Failures) > 0 {
		return exitFailed
	}
	return exitOK
}

// printImport writes an import's report: what was imported, skipped as
// unchanged and failed on stdout, then each failure, naming its file and
// line or item, on stderr.
func printImport(stdout, stderr io.Writer, rep loader.Report) {
	fmt.Fprintf(stdout, "imported %s: %d entities, %d relations, %d evidence quotes", plural(rep.Articles, "article"), rep.Nodes, rep.Edges, rep.Evidence)
	if rep.KnowsUnchanged {
		fmt.Fprintf(stdout, "; %d unchanged", rep.Unchanged)
	}
	fmt.Fprintf(stdout, "; %d failed\n", len(rep.Failures))
	for _, f := range rep.Failures {
		fmt.Fprintf(stderr, "loader import: %v\n", f)
	}
	if len(rep.Failures) > 0 {
		fmt.Fprintf(stderr, "loader import: %s\n", plural(len(rep.Failures), "failure"))
	}
}

func runExtract(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print JSON in the evaluation format (shared/eval/FORMAT.md), with ids and evidence")
	gaz := fs.String("gazetteer", os.Getenv("ALAQAT_GAZETTEER"), backend.GazetteerUsage)
	if code, ok := parse(fs, args, extractHelp); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "loader extract: want exactly one FILE (or - for standard input)")
		return exitUsage
	}
	arts, err := loader.ReadFile(fs.Arg(0), stdin)
	if err != nil && len(arts) == 0 {
		fmt.Fprintf(stderr, "loader extract: %v\n", err)
		return exitFailed
	}
	x, xerr := backend.Extractor(*gaz)
	if xerr != nil {
		fmt.Fprintf(stderr, "loader extract: %v\n", xerr)
		return exitFatal
	}
	var reports []*extract.Report
	for _, a := range arts {
		reports = append(reports, extract.NewReport(loader.Extract(x, a)))
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		var v any = reports
		if len(reports) == 1 {
			v = reports[0]
		}
		if err := enc.Encode(v); err != nil {
			fmt.Fprintf(stderr, "loader extract: %v\n", err)
			return exitFatal
		}
	} else {
		for _, r := range reports {
			printReport(stdout, r)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "loader extract: %v\n", err)
		return exitFailed
	}
	return exitOK
}

const deleteHelp = `loader delete removes articles by id (article:…, as import and the API show
them) and every fact that no other article supports. Facts other articles
also state stay, with those articles' evidence.

Example:
  loader delete --db alaqat.db article:2c8a89ceab9d

Flags:
`

func runDelete(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("delete", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", backend.DefaultDB(), backend.Usage)
	if code, ok := parse(fs, args, deleteHelp); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "loader delete: no article ids given")
		return exitUsage
	}
	store, err := backend.Open(ctx, *db)
	if err != nil {
		fmt.Fprintf(stderr, "loader delete: %v\n", err)
		return exitFatal
	}
	defer store.Close()
	code := exitOK
	for _, id := range fs.Args() {
		if err := store.DeleteArticle(ctx, id); err != nil {
			fmt.Fprintf(stderr, "loader delete: %v\n", err)
			code = exitFailed
			continue
		}
		fmt.Fprintf(stdout, "deleted %s\n", id)
	}
	return code
}

const statsHelp = `loader stats counts what the store holds: articles, entities of each kind,
relations and evidence quotes.

Example:
  loader stats --db neo4j://localhost:7687

Flags:
`

func runStats(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", backend.DefaultDB(), backend.Usage)
	if code, ok := parse(fs, args, statsHelp); !ok {
		return code
	}
	store, err := backend.Open(ctx, *db)
	if err != nil {
		fmt.Fprintf(stderr, "loader stats: %v\n", err)
		return exitFatal
	}
	defer store.Close()
	c, err := store.Counts(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "loader stats: %v\n", err)
		return exitFatal
	}
	fmt.Fprintf(stdout, "articles       %d\n", c.Articles)
	for _, k := range graph.Kinds {
		fmt.Fprintf(stdout, "%-14s %d\n", k, c.Nodes[k])
	}
	fmt.Fprintf(stdout, "relations      %d\nevidence       %d\n", c.Edges, c.Evidence)
	return exitOK
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

const importHelp = `loader import extracts the facts of every article under the paths and stores
them, one transaction per article. Importing an article again replaces what
it said before; importing the same article twice changes nothing (stores
that keep each article's digest report it as unchanged).

Paths are files, folders (read recursively; hidden files and files of other
extensions left out), glob patterns the shell left alone ("news/*.json",
"news/**/*.xml": ** spans folders), and - for standard input.

Formats: plain text (first line "title | site"), HTML, Markdown with front
matter, JSON, JSON Lines, RSS and Atom, told by content as well as by
extension (JSON Lines saved as .txt is read as JSON Lines). A JSON Lines
file written by "loader export" holds each article with the facts it
claimed: those are stored as they are, nothing extracted again.

On a terminal a progress bar shows on standard error. At the end a line
says how many articles were imported, unchanged and failed; each failure
follows on standard error with its file and the reason, and the line (JSON
Lines) or item (feeds, JSON arrays) when only part of a file was bad: the
rest of that file and of the batch is still imported, and the exit status
is 1. Binary, empty and non-UTF-8 files are refused, and so are inputs too
large for an article (16 MB of HTML, text or Markdown; 256 KB of body text).

Example:
  loader import --db alaqat.db seeds/ ~/news/2026-11-29.jsonl
  loader import 'archive/**/*.xml'
  curl -s https://example.org/feed.xml | loader import -

Flags:
`

const extractHelp = `loader extract prints what one article yields: countries, persons and their
offices, organizations, agreements and meetings, each with its evidence. It
stores nothing. A file holding several articles (a feed, JSON Lines) prints
one report per article.

Example:
  loader extract --json seeds/000_cdc891ae099bd5bd.txt

Flags:
`

// parse parses a command's flags, printing help before the flags on -h.
// ok is false when the command should exit with code.
func parse(fs *flag.FlagSet, args []string, help string) (code int, ok bool) {
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), help)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	return 0, true
}

// printReport writes a report for people: one line per fact.
func printReport(w io.Writer, r *extract.Report) {
	fmt.Fprintf(w, "%s  %s\n", r.ID, r.Title)
	for _, c := range r.Countries {
		fmt.Fprintf(w, "  country      %s  %v\n", c.ISO2, c.Names)
	}
	for _, p := range r.Persons {
		fmt.Fprintf(w, "  person       %s  %s, %s\n", p.Names[0], str(p.Role), str(p.Country))
	}
	for _, o := range r.Organizations {
		fmt.Fprintf(w, "  organization %s  %s, %s\n", o.Names[0], o.Kind, str(o.Country))
	}
	for _, a := range r.Agreements {
		year := ""
		if a.Year != nil {
			year = fmt.Sprint(*a.Year)
		}
		fmt.Fprintf(w, "  agreement    %s  %v %s\n", a.Summary, a.Parties, year)
	}
	for _, m := range r.Meetings {
		fmt.Fprintf(w, "  meeting      %v  in %s\n", m.Participants, str(m.Place))
	}
}

func str(s *string) string {
	if s == nil {
		return "—"
	}
	return *s
}
