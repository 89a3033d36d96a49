#!/bin/sh
# As in WireMock's image: options are WireMock's, JAVA_OPTS the JVM's.
exec java $JAVA_OPTS -cp '/var/wiremock/lib/*:/var/wiremock/extensions/*' wiremock.Run "$@"
