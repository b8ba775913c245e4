package dev.alknet.callproto;

/**
 * A {@link CallHandler} over Java types: the input is converted from JSON, the output to JSON, both with the
 * frame layer's shared Jackson mapper.
 *
 * @param <I> input type, usually a record
 * @param <O> output type
 */
@FunctionalInterface
public interface TypedCallHandler<I, O> {

    O handle(I input, OperationEnv env) throws Exception;
}
