package docsection

import "testing"

func TestReplace(t *testing.T) {
	doc := []byte("# Title\n<!-- BEGIN GENERATED s -->\nold\n<!-- END GENERATED s -->\ntail\n")
	got, err := Replace(doc, "s", "new | row")
	if err != nil {
		t.Fatal(err)
	}
	want := "# Title\n<!-- BEGIN GENERATED s -->\nnew | row\n<!-- END GENERATED s -->\ntail\n"
	if string(got) != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if _, err := Replace(doc, "other", "x"); err == nil {
		t.Fatal("a missing section must be an error")
	}
}
