package dev.customllm.internal.json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedWithParams;
import tools.jackson.databind.module.SimpleValueInstantiators;

/**
 * Creates the records of the wire protocol through a method handle prepared once per
 * record type. Jackson 3.1 calls a record's constructor with
 * {@link MethodHandle#invokeWithArguments(Object...)}, which builds a new spreading
 * handle on every call; answers and stream chunks are made of several records, so that
 * cost was paid many times per answer and per chunk. Only records of this library are
 * handled, and only when Jackson chose their canonical constructor; everything else is
 * left to Jackson.
 *
 * @author Custom LLM team
 */
final class RecordInstantiators extends SimpleValueInstantiators {

	private static final String PACKAGE_PREFIX = "dev.customllm.";

	@Override
	public ValueInstantiator modifyValueInstantiator(DeserializationConfig config, BeanDescription.Supplier description,
			ValueInstantiator instantiator) {
		Class<?> type = description.getBeanClass();
		if (!type.isRecord() || !type.getName().startsWith(PACKAGE_PREFIX)
				|| instantiator.getClass() != StdValueInstantiator.class || !instantiator.canCreateFromObjectWith()) {
			return instantiator;
		}
		MethodHandle handle = canonicalConstructor(type, instantiator.getWithArgsCreator());
		return (handle != null) ? new Prepared((StdValueInstantiator) instantiator, handle) : instantiator;
	}

	private static @Nullable MethodHandle canonicalConstructor(Class<?> type, @Nullable AnnotatedWithParams creator) {
		try {
			RecordComponent[] components = type.getRecordComponents();
			Class<?>[] parameterTypes = new Class<?>[components.length];
			for (int i = 0; i < components.length; i++) {
				parameterTypes[i] = components[i].getType();
			}
			Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
			if (creator == null || !constructor.equals(creator.getMember())) {
				return null;
			}
			constructor.setAccessible(true);
			return MethodHandles.lookup()
				.unreflectConstructor(constructor)
				.asSpreader(Object[].class, parameterTypes.length)
				.asType(MethodType.methodType(Object.class, Object[].class));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Jackson's instantiator of one record type, calling the prepared handle.
	 */
	private static final class Prepared extends StdValueInstantiator {

		private final MethodHandle constructor;

		Prepared(StdValueInstantiator source, MethodHandle constructor) {
			super(source);
			this.constructor = constructor;
		}

		@Override
		public Object createFromObjectWith(DeserializationContext context, Object[] arguments) {
			try {
				return (Object) this.constructor.invokeExact(arguments);
			}
			catch (Throwable ex) {
				return context.handleInstantiationProblem(this._valueClass, arguments, rewrapCtorProblem(context, ex));
			}
		}

	}

}
