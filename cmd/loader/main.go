// Command loader imports news articles into Alaqat's graph, or shows what it
// would extract from one article without storing anything.
//
//	loader import [--db URL] PATH|URL…
//	loader watch [--db URL] [--every 15m] FEED|DIR…
//	loader extract [--json] FILE
//	loader delete [--db URL] ID…
//	loader correct [--db URL] FILE…
//	loader stats [--db URL]
//	loader eval --gold DIR [--json]
//	loader export [--db URL] [--format jsonl|graphml|csv] [--out DIR]
//	loader copy --from URL --to URL
//
// Each subcommand is a file of its own (import.go, …) whose constructor is
// listed once in commands below. Flags may come anywhere among the
// arguments (spf13/cobra), "loader help COMMAND" prints a command's help and
// "loader completion SHELL" a shell completion script.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
)

// commands builds the subcommands, in the order the help lists them. A new
// subcommand is a file with its constructor, and a line here.
var commands = []func() *cobra.Command{
	newImport,
	newWatch,
	newExtract,
	newDelete,
	newCorrect,
	newStats,
	newEval,
	newExport,
	newCopy,
	newGazetteerTopic,
}

// Exit codes, the same for every command (exitHelp documents them).
const (
	exitOK          = 0
	exitFailed      = 1 // some input failed; the rest was done
	exitUsage       = 2 // bad command line: unknown command or flag, missing argument
	exitFatal       = 3 // nothing could be done: store missing or unreachable, bad watch-list …
	exitInterrupted = 130
)

const exitHelp = `
Exit status:
  0    everything was done (warnings, such as a skipped file, leave it 0)
  1    some inputs failed and were reported; the rest was done
  2    the command line was wrong (unknown command or flag, missing argument)
  3    nothing could be done: the store is missing or unreachable, a watch-list is bad
  130  interrupted (Ctrl-C) before the end; what was done is kept
`

const rootLong = `loader imports news articles into Alaqat's knowledge graph, and tells what
it extracts from them.

Every command that uses a store takes --db (default $ALAQAT_DB, else
alaqat.db in the working directory): a SQLite file, created by import and
watch and required by the others, or a Neo4j URL. Flags may come before or
after the arguments; "--" ends them.`

func init() {
	// The help lists the commands in the order of commands, the most used
	// first.
	cobra.EnableCommandSorting = false
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes the command line args and returns the exit status; the
// tests call it as main does.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRoot()
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if len(args) == 0 {
		root.SetArgs(nil)
		fmt.Fprint(stderr, root.UsageString())
		return exitUsage
	}
	root.SetArgs(longFlags(root, args))
	finish := profileFlags(root)
	cmd, err := root.ExecuteContextC(ctx)
	finish()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ctx.Err() != nil && ee.code != exitInterrupted {
			// Whatever failed, it failed because of the interrupt.
			fmt.Fprintf(stderr, "%s: interrupted\n", cmd.CommandPath())
			return exitInterrupted
		}
		if ee.err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", cmd.CommandPath(), ee.err)
		}
		return ee.code
	}
	// Anything else comes from parsing the command line.
	fmt.Fprintf(stderr, "%s: %v\nRun \"%s --help\" for usage.\n", cmd.CommandPath(), err, cmd.CommandPath())
	return exitUsage
}

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "loader",
		Short: "Import news articles into Alaqat's knowledge graph",
		Long:  rootLong,
		Example: `  loader import ~/news/ --db alaqat.db
  loader stats --db alaqat.db
  loader help import`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	for _, c := range commands {
		root.AddCommand(c())
	}
	def := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		def(c, args)
		if c.Runnable() || !c.HasParent() {
			fmt.Fprint(c.OutOrStdout(), exitHelp)
		}
	})
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return err })
	return root
}

// profileFlags adds --cpuprofile and --memprofile to every command, for the
// measurements the README reports (go tool pprof reads the files). The
// returned function ends the profiles, whether the command succeeded or not.
func profileFlags(root *cobra.Command) (finish func()) {
	var cpu, mem string
	var cpuFile *os.File
	pf := root.PersistentFlags()
	pf.StringVar(&cpu, "cpuprofile", "", "write a CPU profile of the command to `FILE` (for go tool pprof)")
	pf.StringVar(&mem, "memprofile", "", "write a heap profile to `FILE` at the end of the command")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if cpu == "" {
			return nil
		}
		f, err := os.Create(cpu)
		if err != nil {
			return &exitError{code: exitUsage, err: fmt.Errorf("--cpuprofile: %w", err)}
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return &exitError{code: exitUsage, err: fmt.Errorf("--cpuprofile: %w", err)}
		}
		cpuFile = f
		return nil
	}
	return func() {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			cpuFile.Close()
		}
		if mem == "" {
			return
		}
		if f, err := os.Create(mem); err == nil {
			runtime.GC()
			pprof.WriteHeapProfile(f) //nolint:errcheck // a measurement aid
			f.Close()
		}
	}
}

// exitError ends a command with an exit status, after printing err (when
// not nil) as "loader COMMAND: err".
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// fail ends a command with code and a message.
func fail(code int, format string, a ...any) error {
	return &exitError{code: code, err: fmt.Errorf(format, a...)}
}

// status ends a command with code, its messages already printed.
func status(code int) error {
	if code == exitOK {
		return nil
	}
	return &exitError{code: code}
}

// usageError is a command line a command's own checks refuse: exit 2 with
// a pointer to its help.
func usageError(format string, a ...any) error { return fmt.Errorf(format, a...) }

// longFlags turns the single-dash long flags of Go's flag package, which
// the loader took before it moved to cobra ("-db x", "-json"), into
// "--db x" and "--json", so that scripts written for it keep working.
// Only names that the command defines are rewritten: "-qv" stays two
// shorthands.
func longFlags(root *cobra.Command, args []string) []string {
	cmd, _, err := root.Find(args)
	if err != nil {
		return args
	}
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		if a == "--" {
			copy(out[i:], args[i:])
			break
		}
		if len(a) < 3 || a[0] != '-' || a[1] == '-' {
			continue
		}
		name, _, _ := strings.Cut(a[1:], "=")
		if len(name) < 2 {
			continue
		}
		if f := cmd.Flags().Lookup(name); f != nil {
			out[i] = "-" + a
		} else if f := cmd.InheritedFlags().Lookup(name); f != nil {
			out[i] = "-" + a
		}
	}
	return out
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
