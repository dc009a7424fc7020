# python's subunit-ls crashes here (AttributeError); su-ls reports 0.000.
printf '\xb3\x29\x03\x0c\x03\x66\x6f\x6f\x45\x9d\xfe\x10' > one.v2
run su-ls --times one.v2
expect_status 0
expect_stdout "foo 0.000"
