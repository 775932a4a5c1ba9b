package main

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/woonexo/woonexo/nexopos/nexopostest"
)

func TestPushStockSetsTheStockOfTheSKU(t *testing.T) {
	t.Parallel()
	srv := nexopostest.NewServer(nexopostest.WithThrottle(0))
	t.Cleanup(srv.Close)
	ref := srv.SeedReference()
	cat, err := srv.AddCategory(nexopostest.NewCategory{Name: "Mugs"})
	require.NoError(t, err)
	mug, err := srv.AddProduct(nexopostest.NewProduct{Name: "Blue mug", SKU: "MUG-BLUE", CategoryID: cat.ID,
		Units: []nexopostest.NewUnitQuantity{{UnitID: ref.PieceUnitID, SalePrice: 9.5, Stock: 5}}})
	require.NoError(t, err)
	pack, err := srv.AddProduct(nexopostest.NewProduct{Name: "Mug pack", SKU: "MUG-PACK", CategoryID: cat.ID,
		Units: []nexopostest.NewUnitQuantity{{UnitID: ref.PieceUnitID, SalePrice: 9, Stock: 24}, {UnitID: ref.DozenUnitID, SalePrice: 100, Stock: 2}}})
	require.NoError(t, err)
	env := map[string]string{"WOONEXO_NEXOPOS_URL": srv.URL, "WOONEXO_NEXOPOS_TOKEN": srv.Token, "WOONEXO_NEXOPOS_VERSION": "5"}
	getenv := func(k string) string { return env[k] }
	ctx := context.Background()

	var out strings.Builder
	require.NoError(t, run(ctx, []string{"MUG-BLUE", "12"}, getenv, &out))
	assert.Equal(t, float64(12), srv.Stock(mug.ID, ref.PieceUnitID))
	assert.Contains(t, out.String(), "stock 5 -> 12")

	// A lower quantity is set too: "set" is absolute, not a delta.
	require.NoError(t, run(ctx, []string{"MUG-BLUE", "3"}, getenv, &out))
	assert.Equal(t, float64(3), srv.Stock(mug.ID, ref.PieceUnitID))

	// With several units, the unit must be named.
	err = run(ctx, []string{"MUG-PACK", "1"}, getenv, &out)
	require.ErrorContains(t, err, "-unit")
	assert.Equal(t, float64(2), srv.Stock(pack.ID, ref.DozenUnitID))
	require.NoError(t, run(ctx, []string{"-unit", strconv.FormatInt(ref.DozenUnitID, 10), "MUG-PACK", "1"}, getenv, &out))
	assert.Equal(t, float64(1), srv.Stock(pack.ID, ref.DozenUnitID))
	assert.Equal(t, float64(24), srv.Stock(pack.ID, ref.PieceUnitID), "the other unit is left alone")

	// Bad input fails before any request.
	for _, args := range [][]string{{"MUG-BLUE"}, {"MUG-BLUE", "-1"}, {"MUG-BLUE", "lots"}} {
		require.ErrorContains(t, run(ctx, args, getenv, &out), "usage", "args %q", args)
	}
	assert.Equal(t, float64(3), srv.Stock(mug.ID, ref.PieceUnitID))
	require.Error(t, run(ctx, []string{"NO-SUCH-SKU", "1"}, getenv, &out))
}
