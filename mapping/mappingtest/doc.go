// Package mappingtest is the conformance suite for [mapping.Store]
// implementations. The stores of package mapping run it, and so can a store
// of your own:
//
//	func TestMyStore(t *testing.T) {
//		mappingtest.Run(t, func(t *testing.T, now func() time.Time) mapping.Store {
//			s, err := mystore.Open(..., mystore.WithClock(now))
//			require.NoError(t, err)
//			return s
//		})
//	}
//
// The store must use the clock it is given, and no other, for every lease,
// expiry and timestamp: the suite moves that clock to expire leases and
// TTLs instead of sleeping, and checks the times the store returns.
package mappingtest
