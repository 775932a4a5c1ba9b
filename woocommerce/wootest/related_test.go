package wootest_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/woocommerce/wootest"
)

// The list renders related_ids from an index; a single product scans the
// store. Both must agree.
func TestRelatedIDsListedAsSingle(t *testing.T) {
	s := wootest.NewStore()
	rnd := rand.New(rand.NewPCG(1, 2))
	var cats []int64
	for i := range 4 {
		c, err := s.AddCategory(wootest.Category{Name: fmt.Sprintf("Cat %d", i)})
		require.NoError(t, err)
		cats = append(cats, c.ID)
	}
	for i := range 60 {
		p := wootest.Product{Name: fmt.Sprintf("P %d", i), Categories: []wootest.TermRef{{ID: cats[rnd.IntN(len(cats))]}}}
		if rnd.IntN(5) == 0 {
			p.Status = "draft"
		}
		_, err := s.AddProduct(p)
		require.NoError(t, err)
	}
	all := s.Products()
	require.Len(t, all, 60)
	shared := 0
	for _, p := range all {
		one, ok := s.Product(p.ID)
		require.True(t, ok)
		require.Equal(t, one.RelatedIDs, p.RelatedIDs, "product %d", p.ID)
		if len(p.RelatedIDs) == 5 {
			shared++
		}
	}
	require.Positive(t, shared, "some products have five related ones")
}
