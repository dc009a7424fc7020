#!/usr/bin/python3
"""Writes example-run.subunit: a small parallel run (two workers) as stestr
would record it, for the README's quick start. Deterministic: fixed times.

    /usr/bin/python3 examples/make-example-run.py > examples/example-run.subunit

Needs python3-subunit (Debian). The output is committed, so building and
trying sutools does not need python.
"""
import datetime
import sys

from subunit.v2 import StreamResultToBytes

UTC = datetime.timezone.utc
T0 = datetime.datetime(2026, 11, 2, 9, 30, 0, tzinfo=UTC)
TESTS = [
    # (worker, id, status, seconds, attachment name, attachment text)
    (0, 'shop.tests.test_cart.CartTest.test_add_item', 'success', 0.012, None, None),
    (1, 'shop.tests.test_cart.CartTest.test_remove_item', 'success', 0.009, None, None),
    (0, 'shop.tests.test_cart.CartTest.test_total_with_discount', 'fail', 0.031, 'traceback',
     'Traceback (most recent call last):\n'
     '  File "shop/tests/test_cart.py", line 41, in test_total_with_discount\n'
     '    self.assertEqual(cart.total(), Decimal("90.00"))\n'
     'AssertionError: Decimal(\'89.99\') != Decimal(\'90.00\')\n'),
    (1, 'shop.tests.test_checkout.CheckoutTest.test_card_declined', 'success', 0.120, None, None),
    (0, 'shop.tests.test_checkout.CheckoutTest.test_paypal', 'skip', 0.001, 'reason',
     'sandbox credentials not configured'),
    (1, 'shop.tests.test_search.SearchTest.test_fuzzy_match', 'xfail', 0.044, 'traceback',
     'AssertionError: known bug #231\n'),
    (0, 'shop.tests.test_search.SearchTest.test_exact_match', 'success', 0.018, None, None),
    (1, 'shop.tests.test_cache.CacheTest.test_cold_cache', 'fail', 0.250, 'traceback',
     'Traceback (most recent call last):\n'
     '  File "shop/tests/test_cache.py", line 12, in test_cold_cache\n'
     '    self.assertFalse(cache.warm)\n'
     'AssertionError: True is not false\n'),
    (0, 'shop.tests.test_cache.CacheTest.test_warm_cache', 'success', 0.007, None, None),
    (1, 'shop.tests.test_users.UserTest.test_signup', 'success', 0.065, None, None),
]


def main():
    out = StreamResultToBytes(sys.stdout.buffer)
    now = {0: T0, 1: T0}
    for i, (worker, test_id, status, seconds, name, text) in enumerate(TESTS):
        tags = {'worker-%d' % worker}
        route = str(worker)
        start = now[worker]
        end = start + datetime.timedelta(seconds=seconds)
        now[worker] = end + datetime.timedelta(milliseconds=3)
        out.status(test_id=test_id, test_status='inprogress', test_tags=tags,
                   route_code=route, timestamp=start)
        if name:
            out.status(test_id=test_id, file_name=name, file_bytes=text.encode('utf8'),
                       mime_type='text/plain; charset=utf8', eof=True, test_tags=tags,
                       route_code=route, timestamp=end)
        out.status(test_id=test_id, test_status=status, test_tags=tags,
                   route_code=route, timestamp=end)
        if i == 3:
            sys.stdout.buffer.write(b'DEBUG: connection pool warmed up\n')
            sys.stdout.buffer.flush()


if __name__ == '__main__':
    main()
