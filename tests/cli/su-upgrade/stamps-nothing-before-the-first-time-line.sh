# python stamps these with the wall clock; su-upgrade leaves them unstamped
# (the bytes python writes for the same events without a timestamp).
printf 'test: a\nsuccess: a\n' > in.v1
printf '\263\051\002\012\001a\145\175\240\337\263\051\003\012\001a\335\301\307\272' > want
run su-upgrade in.v1
expect_status 0
expect_stdout_file want
