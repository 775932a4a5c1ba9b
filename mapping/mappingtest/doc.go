// Package mappingtest is the conformance suite for [mapping.Store]
// implementations. The stores of package mapping run it, and so can a store
// of your own:
//
//	func TestMyStore(t *testing.T) {
//		mappingtest.Run(t, func(t *testing.T) mapping.Store {
//			s, err := mystore.Open(...)
//			require.NoError(t, err)
//			return s
//		})
//	}
package mappingtest
