package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/testdoc"
)

// recipePlace is "`Name` in `path`" in the README's recipes, or a run of
// names ("`a`, `b` and `c` in `path`", "`m` with `s` in `path`"): the
// declarations a newcomer is sent to.
var (
	recipePlace = regexp.MustCompile("((?:`[A-Za-z_][\\w.]*`(?:, | and | with ))*`[A-Za-z_][\\w.]*`) in `([\\w/.]+\\.go)`")
	recipeName  = regexp.MustCompile("`([A-Za-z_][\\w.]*)`")
)

// TestRecipes holds the README's recipes (a new attribute, a third record
// type) to the code: every place they name is declared in the file they
// name, so a rename or a move that leaves a recipe behind fails here.
func TestRecipes(t *testing.T) {
	readme, err := os.ReadFile(testdoc.RepoFile("README.md"))
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(string(readme), "**A new attribute of the account**")
	end := strings.Index(string(readme), "`go -C tools run ./filedeps")
	if start < 0 || end < start {
		t.Fatal("the README has no recipes between **A new attribute of the account** and the filedeps line")
	}
	recipes := strings.Join(strings.Fields(string(readme[start:end])), " ") // lines wrap anywhere
	places := recipePlace.FindAllStringSubmatch(recipes, -1)
	if len(places) < 12 {
		t.Fatalf("found %d places in the recipes, want at least 12: is the form still `Name` in `path`?", len(places))
	}
	root := filepath.Dir(testdoc.RepoFile("README.md"))
	for _, p := range places {
		file := filepath.Join(root, p[2])
		src, err := os.ReadFile(file) //nolint:gosec // a file of this repository, named by its README
		if err != nil {
			t.Errorf("the recipes name %s, which does not exist", p[2])
			continue
		}
		for _, name := range recipeName.FindAllStringSubmatch(p[1], -1) {
			if !declares(string(src), name[1]) {
				t.Errorf("the recipes send to %s in %s, which declares no such name", name[1], p[2])
			}
		}
	}
}

// declares reports whether Go source declares name: a function, a method
// (Type.Method or a bare method name), a type, or a field; a package
// qualifier (campaign.New) is dropped.
func declares(src, name string) bool {
	if i := strings.LastIndex(name, "."); i >= 0 {
		name = name[i+1:]
	}
	decl := regexp.MustCompile(fmt.Sprintf(`(?m)^(func (\([^)]*\) )?%[1]s\(|type %[1]s\b|\t%[1]s\s)`, regexp.QuoteMeta(name)))
	return decl.MatchString(src)
}
