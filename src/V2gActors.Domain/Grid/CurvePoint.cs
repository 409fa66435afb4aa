namespace V2gActors.Domain.Grid;

/// <summary>One point of a piecewise-linear control curve; units depend on the curve.</summary>
public readonly record struct CurvePoint(double X, double Y);
