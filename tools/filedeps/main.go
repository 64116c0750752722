// Command filedeps draws, for each Go package folder it is given, which
// file uses names defined in which other file of the package: the files
// stacked in levels (a file's level is one more than the highest level of
// the files it uses; files that use each other share a level), the uses
// between files, those inside a cycle, and, with -from/-to, the names one
// file takes from another (test files left out).
//
//	go -C tools run ./filedeps ../internal/provider ../internal/campaign
package main

import (
	"flag"
	"fmt"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

var withMembers = flag.Bool("members", false, "count uses of methods and fields too, not only of package-level names")

func main() {
	from := flag.String("from", "", "with -to: list the names this file (base name) uses from that one")
	to := flag.String("to", "", "see -from")
	flag.Parse()
	for _, dir := range flag.Args() {
		if err := report(dir, *from, *to); err != nil {
			fmt.Fprintln(os.Stderr, "filedeps:", err)
			os.Exit(1)
		}
	}
}

// graph is the file-to-file uses of one package: uses[a][b] are the names
// file a uses that file b defines.
type graph struct {
	files []string
	uses  map[string]map[string]map[string]bool
}

// load reads the package in dir. With members, a use of a method or a
// field counts as a use of the file that declares it; without, only the
// package-level names (functions, types, variables, constants) count.
func load(dir string, members bool) (*graph, error) {
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo, Dir: dir}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil {
		return nil, err
	}
	if len(pkgs) != 1 || len(pkgs[0].Errors) > 0 {
		return nil, fmt.Errorf("%s: %d packages, errors %v", dir, len(pkgs), pkgs[0].Errors)
	}
	pkg := pkgs[0]
	g := &graph{uses: map[string]map[string]map[string]bool{}}
	for _, f := range pkg.GoFiles {
		g.files = append(g.files, filepath.Base(f))
	}
	sort.Strings(g.files)
	fileOf := func(p token.Pos) string { return filepath.Base(pkg.Fset.Position(p).Filename) }
	add := func(user string, obj types.Object) {
		if obj == nil || obj.Pkg() != pkg.Types || !obj.Pos().IsValid() {
			return
		}
		if v, isVar := obj.(*types.Var); isVar && obj.Parent() != pkg.Types.Scope() && !v.IsField() {
			return // a local variable
		}
		def := fileOf(obj.Pos())
		if def == user {
			return
		}
		if g.uses[user] == nil {
			g.uses[user] = map[string]map[string]bool{}
		}
		if g.uses[user][def] == nil {
			g.uses[user][def] = map[string]bool{}
		}
		g.uses[user][def][obj.Name()] = true
	}
	for id, obj := range pkg.TypesInfo.Uses {
		if obj.Parent() == pkg.Types.Scope() || (members && isMember(obj)) {
			add(fileOf(id.Pos()), obj)
		}
	}
	if members {
		for sel, s := range pkg.TypesInfo.Selections {
			add(fileOf(sel.Pos()), s.Obj())
		}
	}
	return g, nil
}

// isMember: a method or a field (declared in some file of the package).
func isMember(obj types.Object) bool {
	switch o := obj.(type) {
	case *types.Func:
		sig, ok := o.Type().(*types.Signature)
		return ok && sig.Recv() != nil
	case *types.Var:
		return o.IsField()
	}
	return false
}

func report(dir, from, to string) error {
	g, err := load(dir, *withMembers)
	if err != nil {
		return err
	}
	if from != "" {
		var names []string
		for n := range g.uses[from][to] {
			names = append(names, n)
		}
		sort.Strings(names)
		fmt.Printf("%s uses from %s: %s\n", from, to, strings.Join(names, ", "))
		return nil
	}
	comp := components(g)
	level := map[int]int{}
	var levelOf func(c int) int
	levelOf = func(c int) int {
		if l, ok := level[c]; ok {
			return l
		}
		level[c] = 1
		l := 1
		for _, f := range g.files {
			if comp[f] != c {
				continue
			}
			for d := range g.uses[f] {
				if comp[d] != c {
					l = max(l, levelOf(comp[d])+1)
				}
			}
		}
		level[c] = l
		return l
	}
	edges, cyclic, top := 0, 0, 0
	byLevel := map[int][]string{}
	for _, f := range g.files {
		l := levelOf(comp[f])
		top = max(top, l)
		byLevel[l] = append(byLevel[l], f)
		for d := range g.uses[f] {
			edges++
			if comp[d] == comp[f] {
				cyclic++
			}
		}
	}
	fmt.Printf("%s: %d files, %d levels, %d file-to-file uses, %d of them inside a cycle\n", dir, len(g.files), top, edges, cyclic)
	for l := top; l >= 1; l-- {
		fmt.Printf("  level %d: %s\n", l, strings.Join(byLevel[l], " "))
	}
	for _, f := range g.files {
		for d := range g.uses[f] {
			if comp[d] == comp[f] {
				fmt.Printf("  cycle: %s uses %s\n", f, d)
			}
		}
	}
	return nil
}

// components numbers the strongly connected components (Tarjan).
func components(g *graph) map[string]int {
	index, low, comp := map[string]int{}, map[string]int{}, map[string]int{}
	var stack []string
	onStack := map[string]bool{}
	next, n := 0, 0
	var visit func(f string)
	visit = func(f string) {
		index[f], low[f] = next, next
		next++
		stack = append(stack, f)
		onStack[f] = true
		for d := range g.uses[f] {
			if _, seen := index[d]; !seen {
				visit(d)
				low[f] = min(low[f], low[d])
			} else if onStack[d] {
				low[f] = min(low[f], index[d])
			}
		}
		if low[f] == index[f] {
			for {
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[top] = false
				comp[top] = n
				if top == f {
					break
				}
			}
			n++
		}
	}
	for _, f := range g.files {
		if _, seen := index[f]; !seen {
			visit(f)
		}
	}
	return comp
}
