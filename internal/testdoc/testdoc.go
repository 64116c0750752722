// Package testdoc keeps the generated sections of the project's Markdown
// reports (RELIABILITY.md) in step with the tests that measure them: a test
// renders its figures, and the committed section must be equal, so the
// report cannot drift from what the tests prove.
package testdoc

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/docsection"
)

// UpdateEnv names the environment variable that makes Check rewrite the
// sections instead of comparing them (`make reliability-doc`).
const UpdateEnv = "CAMPAIGN_UPDATE_DOCS"

// RepoFile is the path of a file at the repository root.
func RepoFile(name string) string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(here), "..", "..", name)
}

// Check fails t when section of the Markdown file differs from content, and
// says how to regenerate it. With CAMPAIGN_UPDATE_DOCS=1 it rewrites it.
func Check(t testing.TB, file, section, content string) {
	t.Helper()
	doc, err := os.ReadFile(file) //nolint:gosec // a repository document named by the test
	if err != nil {
		t.Fatal(err)
	}
	want, err := docsection.Replace(doc, section, content)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if bytes.Equal(doc, want) {
		return
	}
	if os.Getenv(UpdateEnv) == "1" {
		if err := os.WriteFile(file, want, 0o644); err != nil { //nolint:gosec // a committed document, world-readable on purpose
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s: section %q is stale: the tests measured something else. Run 'make reliability-doc' and review the diff.\nMeasured:\n%s",
		filepath.Base(file), section, content)
}

// SkipUnlessComplete skips the calling test when fewer than want of its
// measured rows ran (their subtests skipped, e.g. acceptance tests without
// TF_ACC in `make unit`): a partial table says nothing about the document,
// so it is not compared. A failed row fails its own subtest.
func SkipUnlessComplete(t testing.TB, section string, got, want int) {
	t.Helper()
	if got < want {
		t.Skipf("%d of %d measurements ran (the others skipped): section %q is not checked", got, want, section)
	}
}

// Measure runs each case as a parallel subtest of t (under group) and
// returns what each measured, by name. Cases that fail or skip are absent:
// SkipUnlessComplete then keeps the partial table from being compared.
func Measure[C, R any](t *testing.T, group string, cases []C, name func(C) string, run func(*testing.T, C) R) map[string]R {
	t.Helper()
	var mu sync.Mutex
	results := map[string]R{}
	t.Run(group, func(t *testing.T) {
		for _, c := range cases {
			t.Run(name(c), func(t *testing.T) {
				t.Parallel()
				r := run(t, c)
				if t.Failed() || t.Skipped() {
					return
				}
				mu.Lock()
				results[name(c)] = r
				mu.Unlock()
			})
		}
	})
	return results
}
