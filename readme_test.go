package woonexo_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/woonexo/woonexo/internal/readme"
)

// The README's snippets are copies of compiled Example functions; this
// fails when one drifts. Fix with: go run ./internal/readme/rewrite
func TestReadmeSnippetsMatchExamples(t *testing.T) {
	snippets, err := readme.Snippets(".")
	require.NoError(t, err)
	require.NotEmpty(t, snippets, "the README has no marked snippets")
	for _, s := range snippets {
		assert.Equal(t, s.Want, s.Got, "README snippet of %s %s differs from the example; run go run ./internal/readme/rewrite", s.File, s.Func)
	}
}
