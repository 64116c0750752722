package provider

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

// TestBuiltInGroupsListedOnce: the built-in operator groups are one list,
// builtInGroups; the resource's docs, the project's notes on Campaign's API
// and the emulator's default groups say the same names.
func TestBuiltInGroupsListedOnce(t *testing.T) {
	want := slices.Sorted(slices.Values(builtInGroups))
	names := func(text string) []string {
		var out []string
		for _, m := range regexp.MustCompile("`([A-Za-z]+)`").FindAllStringSubmatch(text, -1) {
			out = append(out, m[1])
		}
		slices.Sort(out)
		return out
	}
	for _, doc := range []struct{ file, after, before string }{
		{"../../templates/resources/operator_group.md.tmpl", "Built-in\n  groups (", ")"},
		{"../../CAMPAIGN_API.md", "| Built-in groups ", "|"},
	} {
		data, err := os.ReadFile(doc.file)
		if err != nil {
			t.Fatal(err)
		}
		_, rest, ok := strings.Cut(string(data), doc.after)
		list, _, _ := strings.Cut(rest, doc.before)
		if got := names(list); !ok || !slices.Equal(got, want) {
			t.Errorf("%s lists the built-in groups %v, the provider %v", doc.file, got, want)
		}
	}
	var emulated []string
	for _, g := range emulator.DefaultOperatorGroups() {
		emulated = append(emulated, g.Name)
	}
	slices.Sort(emulated)
	if !slices.Equal(emulated, want) {
		t.Errorf("the emulator's default groups are %v, the provider's built-in ones %v", emulated, want)
	}
}
